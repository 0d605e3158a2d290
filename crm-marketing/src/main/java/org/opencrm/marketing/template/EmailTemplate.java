package org.opencrm.marketing.template;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.List;
import org.opencrm.core.shared.BaseEntity;
import org.opencrm.core.shared.RuleViolationException;

/**
 * An e-mail template: a name, a one-line subject, an HTML body and its plain-text
 * alternative. Whatever is stored can be sent: every change is checked
 * ({@link TemplateMarkup#check}: known merge fields, well-formed HTML) and the HTML is
 * cleaned against the e-mail safelist ({@link TemplateHtml}) before it is kept.
 */
@Entity
@Table(name = "email_templates")
class EmailTemplate extends BaseEntity {

	private String name;

	private String subject;

	private String htmlBody;

	private String textBody;

	protected EmailTemplate() {
	}

	/**
	 * Takes what the marketer typed; returns what cleaning removed from the HTML (empty
	 * when nothing was).
	 * @throws RuleViolationException {@code template.name.required},
	 * {@code template.subject.required}, {@code template.subject.oneLine},
	 * {@code template.body.required}, or a {@link TemplateInvalidException} naming the
	 * part and place of a broken merge field or tag
	 */
	List<String> write(TemplateCommand cmd) {
		if (isBlank(cmd.name())) {
			throw new RuleViolationException("template.name.required", "A template needs a name");
		}
		if (isBlank(cmd.subject())) {
			throw new RuleViolationException("template.subject.required", "A template needs a subject");
		}
		if (cmd.subject().contains("\n") || cmd.subject().contains("\r")) {
			throw new RuleViolationException("template.subject.oneLine", "A subject is one line");
		}
		if (isBlank(cmd.htmlBody()) || isBlank(cmd.textBody())) {
			throw new RuleViolationException("template.body.required",
					"A template needs an HTML body and a plain-text body");
		}
		TemplateMarkup.check(cmd.subject(), cmd.htmlBody(), cmd.textBody());
		TemplateHtml.Cleaned html = TemplateHtml.clean(cmd.htmlBody());
		this.name = cmd.name().trim();
		this.subject = cmd.subject().trim();
		this.htmlBody = html.html();
		this.textBody = cmd.textBody();
		return html.removed();
	}

	private static boolean isBlank(String s) {
		return s == null || s.isBlank();
	}

}
