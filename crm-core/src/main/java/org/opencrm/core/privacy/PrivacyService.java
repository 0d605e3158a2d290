package org.opencrm.core.privacy;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.opencrm.core.audit.AuditTrail;
import org.opencrm.core.contact.ContactDetails;
import org.opencrm.core.contact.ContactLookup;
import org.opencrm.core.contact.ContactService;
import org.opencrm.core.port.DataSubject;
import org.opencrm.core.port.PersonalData;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.user.Visibility;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The privacy tools: everything stored about a person as one document, and erasing a
 * person from every table. Each module contributes its own part ({@link PersonalData});
 * this service asks them all, in one transaction, and records who exported or erased whom
 * in the audit trail (the action, never the data).
 */
@Service
public class PrivacyService {

	/** The audit trail's record types for a person asked about. */
	static final String CONTACT = "contact";

	static final String LEAD = "lead";

	private final ObjectProvider<PersonalData> modules;

	private final ContactService contacts;

	private final ContactLookup lookup;

	private final AuditTrail audit;

	private final JdbcClient jdbc;

	private final Clock clock;

	PrivacyService(ObjectProvider<PersonalData> modules, ContactService contacts, ContactLookup lookup,
			AuditTrail audit, JdbcClient jdbc, Clock clock) {
		this.modules = modules;
		this.contacts = contacts;
		this.lookup = lookup;
		this.audit = audit;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * The contact as a privacy request's subject, if {@code visibility} may see them
	 * (else "not found").
	 */
	@Transactional(readOnly = true)
	public DataSubject contact(long id, Visibility visibility) {
		ContactDetails c = lookup.details(id, visibility);
		return new DataSubject(c.id(), null, c.email(), c.firstName(), c.lastName(),
				List.of(nullToEmpty(c.phone()), nullToEmpty(c.mobile())));
	}

	/**
	 * Everything every module keeps about the person, by module section; the export is
	 * audited on the contact (or lead).
	 */
	@Transactional
	public Map<String, Object> export(DataSubject person) {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("exportedAt", clock.instant().toString());
		Map<String, Object> subject = new LinkedHashMap<>();
		subject.put("contactId", person.contactId());
		subject.put("leadId", person.leadId());
		subject.put("name", person.fullName());
		subject.put("email", person.email());
		document.put("subject", subject);
		modules.orderedStream().forEach(module -> document.putAll(module.export(person)));
		auditAction(person, "EXPORT");
		return document;
	}

	/**
	 * Erases the person from every table: each module removes or anonymises what it keeps
	 * (leads with the same address, tickets kept for the statistics but without anything
	 * about them, deals without their primary contact, …), then the contact and its
	 * consent log go and the audit trail's values mentioning them are blanked. One
	 * transaction: it all happens or nothing does.
	 * @param typedName the person's name as the user typed it to confirm (any case)
	 * @throws RuleViolationException when the typed name is not the person's
	 */
	@Transactional
	public void erase(DataSubject person, String typedName) {
		if (typedName == null || !normalise(typedName).equals(normalise(person.fullName()))) {
			throw new RuleViolationException("privacy.erase.confirmMismatch",
					"Type the person's name exactly to confirm the erasure.");
		}
		if (person.contactId() != null) {
			// Whatever is being added to the person meanwhile waits, and is then refused.
			jdbc.sql("select id from contacts where id = ? for update")
				.param(person.contactId())
				.query(Long.class)
				.optional();
		}
		modules.orderedStream().forEach(module -> module.erase(person));
		if (person.contactId() != null) {
			contacts.erase(person.contactId());
		}
		audit.forget(person);
		auditAction(person, "ERASE");
	}

	private void auditAction(DataSubject person, String action) {
		if (person.contactId() != null) {
			audit.recorded(CONTACT, person.contactId(), action);
		}
		else {
			audit.recorded(LEAD, Objects.requireNonNull(person.leadId()), action);
		}
	}

	private static String normalise(String name) {
		return name.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
	}

	private static String nullToEmpty(String s) {
		return s == null ? "" : s;
	}

}
