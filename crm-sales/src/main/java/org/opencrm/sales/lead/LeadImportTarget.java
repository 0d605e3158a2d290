package org.opencrm.sales.lead;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.opencrm.core.imports.ExternalIdKey;
import org.opencrm.core.imports.ImportChanges;
import org.opencrm.core.imports.ImportField;
import org.opencrm.core.imports.ImportOutcome;
import org.opencrm.core.imports.ImportRow;
import org.opencrm.core.imports.ImportTarget;
import org.opencrm.core.shared.EmailAddress;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.Visibility;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Leads from a file, for the import wizard, written through {@link LeadService}
 * (assignment rules, version, field history, {@code LeadCreated}). A row finds the lead
 * it updates by e-mail; it fills what it has. A row that would create a lead for a
 * contact's e-mail is refused: the person is a customer already. Reverting deletes the
 * leads it created ({@link LeadService#deleteImported}).
 */
@Component
class LeadImportTarget implements ImportTarget {

	static final List<ImportField> FIELDS = List.of(
			ImportField.of("first_name", "first name", "firstname", "given name", "vorname"),
			ImportField.required("last_name", "last name", "lastname", "surname", "name", "nachname"),
			ImportField.of("email", "e-mail", "email address", "mail", "e-mail-adresse"),
			ImportField.of("phone", "telephone", "phone number", "tel", "telefon"),
			ImportField.of("company", "account", "company name", "organisation", "organization", "firma",
					"unternehmen"),
			ImportField.of("title", "job title", "position", "titel", "funktion"),
			ImportField.of("industry", "sector", "branche"), ImportField.of("country", "land"),
			ImportField.of("company_size", "employees", "size", "mitarbeiter", "firmengröße"),
			ImportField.of("source", "lead source", "quelle"), ImportField.externalId());

	private final LeadService leads;

	private final LeadQuery query;

	private final JdbcClient jdbc;

	/** The lead holding an external id. */
	private final Function<String, Long> externalIds;

	LeadImportTarget(LeadService leads, LeadQuery query, JdbcClient jdbc) {
		this.leads = leads;
		this.query = query;
		this.jdbc = jdbc;
		this.externalIds = ExternalIdKey.holderIn(jdbc, "leads");
	}

	@Override
	public String type() {
		return "leads";
	}

	@Override
	public List<ImportField> fields() {
		return FIELDS;
	}

	@Override
	public List<String> matchKeys() {
		return List.of(ImportField.EXTERNAL_ID, "email");
	}

	@Override
	public boolean mayImport(Role role) {
		return role == Role.ADMIN || role == Role.MANAGER || role == Role.SALES_REP;
	}

	@Override
	public ImportOutcome apply(ImportRow row, String matchKey, Visibility visibility, boolean dryRun) {
		Map<String, String> wanted = new HashMap<>(row.values());
		if (row.has("email")) {
			if (!EmailAddress.isValid(row.get("email"))) {
				return row.refuse("email", "email.invalid", "Not an e-mail address.");
			}
			wanted.put("email", EmailAddress.normalise(row.get("email")));
		}
		if (row.has("company_size")) {
			try {
				wanted.put("company_size",
						Integer.valueOf(row.get("company_size").replace(",", "").replace(".", "")).toString());
			}
			catch (NumberFormatException ex) {
				return row.refuse("company_size", "lead.import.companySize", "Not a whole number.");
			}
		}
		Long existing = match(row, matchKey, wanted);
		ImportOutcome taken = ExternalIdKey.taken(row, existing, externalIds);
		if (taken != null) {
			return taken;
		}
		if (existing == null) {
			if (wanted.containsKey("email") && isContactsEmail(wanted.get("email"))) {
				// Already a customer: a lead would be a second record of the same person.
				return row.refuse("email", "lead.import.contactExists", "A contact with this e-mail exists.");
			}
			wanted.putIfAbsent("source", "import");
			return ImportOutcome.create(dryRun ? null : leads.create(command(Map.of(), wanted, 0), visibility));
		}
		Optional<LeadDetails> current = query.find(existing, visibility);
		if (current.isEmpty()) {
			return ImportOutcome.reject(null, "import.notVisible", "The matching record is not yours to change.");
		}
		Map<String, String> now = values(current.get());
		return ImportChanges.update(existing, now, wanted, dryRun,
				() -> leads.update(existing, command(now, wanted, current.get().version()), visibility));
	}

	@Override
	public void undoCreate(long id, Visibility visibility) {
		if (query.find(id, visibility).isPresent()) {
			leads.deleteImported(id, visibility);
		}
	}

	@Override
	public void undoUpdate(long id, Map<String, String> before, Visibility visibility) {
		query.find(id, visibility)
			.ifPresent(l -> leads.update(id, command(values(l), before, l.version()), visibility));
	}

	private Long match(ImportRow row, String matchKey, Map<String, String> wanted) {
		if (ImportField.EXTERNAL_ID.equals(matchKey)) {
			return ExternalIdKey.match(row, matchKey, externalIds);
		}
		if ("email".equals(matchKey) && wanted.containsKey("email")) {
			return jdbc.sql("select id from leads where lower(email) = lower(?) order by id limit 1")
				.param(wanted.get("email"))
				.query(Long.class)
				.optional()
				.orElse(null);
		}
		return null;
	}

	private boolean isContactsEmail(String email) {
		return jdbc.sql("select exists (select 1 from contacts where lower(email) = lower(?))")
			.param(email)
			.query(Boolean.class)
			.single();
	}

	private static Map<String, String> values(LeadDetails l) {
		Map<String, String> v = new HashMap<>();
		v.put("first_name", l.firstName());
		v.put("last_name", l.lastName());
		v.put("email", l.email());
		v.put("phone", l.phone());
		v.put("company", l.company());
		v.put("title", l.title());
		v.put("industry", l.industry());
		v.put("country", l.country());
		v.put("company_size", l.companySize() == null ? null : l.companySize().toString());
		v.put("source", l.source());
		v.put("source_detail", l.sourceDetail());
		v.put("campaign", l.campaignId() == null ? null : l.campaignId().toString());
		v.put("owner", l.ownerId() == null ? null : l.ownerId().toString());
		v.put(ImportField.EXTERNAL_ID, l.externalId());
		return v;
	}

	private static LeadCommand command(Map<String, String> current, Map<String, String> changes, long version) {
		Map<String, String> v = new HashMap<>(current);
		v.putAll(changes);
		return new LeadCommand(v.get("first_name"), v.get("last_name"), v.get("email"), v.get("phone"),
				v.get("company"), v.get("title"), v.get("industry"), v.get("country"),
				v.get("company_size") == null ? null : Integer.valueOf(v.get("company_size")), v.get("source"),
				v.get("source_detail"), v.get("campaign") == null ? null : Long.valueOf(v.get("campaign")),
				v.get("owner") == null ? null : Long.valueOf(v.get("owner")), ExternalIdKey.command(changes), version);
	}

}
