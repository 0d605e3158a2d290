package org.opencrm.marketing.form;

import org.opencrm.core.audit.AuditTrail;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Designing web-to-lead forms. A form is an aggregate ({@link LeadForm}: its fields,
 * rules and publish state, one write path through {@link LeadFormRepository} that checks
 * its version); this service keeps the rules across forms (a name and an address nobody
 * else uses) and the audit trail. Submissions are {@link FormSubmissions}, the pages read
 * {@link FormQueries}.
 */
@Service
public class FormService {

	static final String AUDIT_TYPE = "lead-form";

	private final LeadFormRepository forms;

	private final AuditTrail audit;

	FormService(LeadFormRepository forms, AuditTrail audit) {
		this.forms = forms;
		this.audit = audit;
	}

	/**
	 * @throws RuleViolationException the design rules of {@link LeadForm#redesign},
	 * {@code form.rule.slugTaken}, {@code form.rule.nameTaken}
	 */
	@Transactional
	public long create(LeadFormCommand cmd) {
		LeadForm.check(cmd);
		requireUnique(cmd, -1L);
		long id = forms.saveAndFlush(new LeadForm(cmd)).getId();
		audit.created(AUDIT_TYPE, id);
		return id;
	}

	@Transactional
	public void update(long id, LeadFormCommand cmd) {
		LeadForm form = forms.findById(id).orElseThrow(() -> new NotFoundException("Form", id));
		form.checkVersion(cmd.version());
		LeadForm.check(cmd);
		// Before the change: the look-ups are queries, and Hibernate would flush a taken
		// address first.
		requireUnique(cmd, id);
		var before = form.snapshot();
		form.redesign(cmd);
		audit.changed(AUDIT_TYPE, id, before, form.snapshot());
		// Now, so a concurrent save fails here as a version conflict.
		forms.flush();
	}

	private void requireUnique(LeadFormCommand cmd, long exceptId) {
		String slug = cmd.slug().trim();
		if (forms.slugTaken(slug, exceptId)) {
			throw RuleViolationException.onField("slug", "form.rule.slugTaken",
					"Another form already uses the address {0}.", slug);
		}
		String name = cmd.name().trim();
		if (forms.nameTaken(name, exceptId)) {
			throw RuleViolationException.onField("name", "form.rule.nameTaken", "Another form is already named {0}.",
					name);
		}
	}

}
