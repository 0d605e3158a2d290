package org.opencrm.core.account;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.opencrm.core.imports.ImportChanges;
import org.opencrm.core.imports.ImportField;
import org.opencrm.core.imports.CustomerImportFields;
import org.opencrm.core.imports.ExternalIdKey;
import org.opencrm.core.imports.ImportOutcome;
import org.opencrm.core.imports.ImportRow;
import org.opencrm.core.imports.ImportTarget;
import org.opencrm.core.shared.LifecycleStage;
import org.opencrm.core.shared.Tags;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.Visibility;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Accounts from a file, written through {@link AccountService}. A row finds the company
 * it updates by name (any case) or web domain; it fills what it has (tags are added).
 */
@Component
class AccountImport implements ImportTarget {

	static final List<ImportField> FIELDS = List.of(
			ImportField.required("name", "account", "account name", "company", "company name", "organisation",
					"organization", "firma", "firmenname", "unternehmen"),
			ImportField.of("domain", "web domain", "domäne", "domaene"),
			ImportField.of("website", "web", "url", "homepage", "webseite", "internetseite"),
			ImportField.of("industry", "sector", "branche", "industrie"),
			ImportField.of("phone", "telephone", "phone number", "tel", "telefon", "telefonnummer"),
			ImportField.of("email", "e-mail", "email address", "mail", "e-mail-adresse"),
			ImportField.of("street", "address", "street address", "strasse", "straße", "adresse"),
			ImportField.of("postal_code", "zip", "zip code", "postcode", "postal code", "plz", "postleitzahl"),
			ImportField.of("city", "town", "ort", "stadt"), ImportField.of("country", "land", "staat"),
			ImportField.of("lifecycle_stage", "stage", "lifecycle", "lifecycle stage", "phase"),
			ImportField.of("tags", "tag", "labels", "schlagworte", "schlagwörter"), ImportField.externalId());

	private final AccountService accounts;

	private final JdbcClient jdbc;

	/** The account holding an external id. */
	private final Function<String, Long> externalIds;

	AccountImport(AccountService accounts, JdbcClient jdbc) {
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.externalIds = ExternalIdKey.holderIn(jdbc, "accounts");
	}

	@Override
	public String type() {
		return "accounts";
	}

	@Override
	public List<ImportField> fields() {
		return FIELDS;
	}

	@Override
	public List<String> matchKeys() {
		return List.of(ImportField.EXTERNAL_ID, "name", "domain");
	}

	@Override
	public boolean mayImport(Role role) {
		return role.isStaff();
	}

	@Override
	public ImportOutcome apply(ImportRow row, String matchKey, Visibility visibility, boolean dryRun) {
		Map<String, String> wanted = new HashMap<>(row.values());
		ImportOutcome refused = CustomerImportFields.clean(row, wanted);
		if (refused != null) {
			return refused;
		}
		Long existing = match(row, matchKey);
		ImportOutcome taken = ExternalIdKey.taken(row, existing, externalIds);
		if (taken != null) {
			return taken;
		}
		if (existing == null) {
			ImportChanges.tagsOfNew(row, wanted);
			return ImportOutcome.create(dryRun ? null : accounts.create(command(Map.of(), wanted, 0), visibility));
		}
		Optional<AccountDetails> current = accounts.find(existing, visibility);
		if (current.isEmpty()) {
			return ImportOutcome.reject(null, "import.notVisible", "The matching record is not yours to change.");
		}
		Map<String, String> now = values(current.get());
		ImportChanges.tagsAdded(row, wanted, current.get().tags());
		return ImportChanges.update(existing, now, wanted, dryRun,
				() -> accounts.update(existing, command(now, wanted, current.get().version()), visibility));
	}

	@Override
	public void undoCreate(long id, Visibility visibility) {
		accounts.find(id, visibility).ifPresent(a -> accounts.delete(id, a.version(), visibility));
	}

	@Override
	public void undoUpdate(long id, Map<String, String> before, Visibility visibility) {
		accounts.find(id, visibility)
			.ifPresent(a -> accounts.update(id, command(values(a), before, a.version()), visibility));
	}

	private Long match(ImportRow row, String matchKey) {
		if (ImportField.EXTERNAL_ID.equals(matchKey)) {
			return ExternalIdKey.match(row, matchKey, externalIds);
		}
		if ("name".equals(matchKey) && row.has("name")) {
			return jdbc.sql("select id from accounts where sort_name = lower(?) order by id limit 1")
				.param(row.get("name").trim())
				.query(Long.class)
				.optional()
				.orElse(null);
		}
		if ("domain".equals(matchKey) && row.has("domain")) {
			return jdbc.sql("select id from accounts where lower(domain) = lower(?) order by id limit 1")
				.param(row.get("domain").trim())
				.query(Long.class)
				.optional()
				.orElse(null);
		}
		return null;
	}

	private static Map<String, String> values(AccountDetails a) {
		Map<String, String> v = new HashMap<>();
		v.put("name", a.name());
		v.put("domain", a.domain());
		v.put("website", a.website());
		v.put("industry", a.industry());
		v.put("phone", a.phone());
		v.put("email", a.email());
		v.put("street", a.street());
		v.put("postal_code", a.postalCode());
		v.put("city", a.city());
		v.put("country", a.country());
		v.put("lifecycle_stage", a.lifecycleStage().name());
		v.put("tags", Tags.format(a.tags()));
		v.put("owner", a.ownerId() == null ? null : a.ownerId().toString());
		v.put(ImportField.EXTERNAL_ID, a.externalId());
		return v;
	}

	private static AccountCommand command(Map<String, String> current, Map<String, String> changes, long version) {
		Map<String, String> v = new HashMap<>(current);
		v.putAll(changes);
		return new AccountCommand(v.get("name"), v.get("domain"), v.get("industry"), v.get("phone"), v.get("email"),
				v.get("website"), v.get("street"), v.get("city"), v.get("postal_code"), v.get("country"),
				v.get("lifecycle_stage") == null ? LifecycleStage.LEAD
						: LifecycleStage.valueOf(v.get("lifecycle_stage")),
				v.get("owner") == null ? null : Long.valueOf(v.get("owner")),
				v.get("tags") == null ? List.of() : Tags.parse(v.get("tags")), ExternalIdKey.command(changes), version);
	}

}
