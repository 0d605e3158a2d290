package org.opencrm.core.contact;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.opencrm.core.access.AccountAccess;
import org.opencrm.core.imports.ImportChanges;
import org.opencrm.core.imports.ImportField;
import org.opencrm.core.imports.CustomerImportFields;
import org.opencrm.core.imports.ExternalIdKey;
import org.opencrm.core.imports.ImportOutcome;
import org.opencrm.core.imports.ImportRow;
import org.opencrm.core.imports.ImportTarget;
import org.opencrm.core.shared.LifecycleStage;
import org.opencrm.core.shared.SqlWhere;
import org.opencrm.core.shared.Tags;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.UserSettings;
import org.opencrm.core.user.Visibility;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Contacts from a file, written through {@link ContactService} (version, field history,
 * events). A row finds the person it updates by e-mail, or by first and last name at the
 * named account; it fills what it has and leaves the rest (an empty cell erases nothing;
 * tags are added). The account column names an account the importer may see; the language
 * column, the language of the person's mails ({@code de}, {@code en-GB}, {@code Deutsch},
 * {@code English}).
 */
@Component
class ContactImport implements ImportTarget {

	static final List<ImportField> FIELDS = List.of(
			ImportField.of("first_name", "first name", "firstname", "given name", "forename", "vorname"),
			ImportField.required("last_name", "last name", "lastname", "surname", "family name", "name", "nachname",
					"familienname"),
			ImportField.of("email", "e-mail", "email address", "e-mail address", "mail", "e-mail-adresse",
					"emailadresse"),
			ImportField.of("phone", "telephone", "phone number", "tel", "telefon", "telefonnummer"),
			ImportField.of("mobile", "mobile phone", "cell", "cell phone", "handy", "mobil", "mobiltelefon"),
			ImportField.of("title", "job title", "position", "role", "titel", "funktion", "jobtitel"),
			ImportField.of("account", "company", "account name", "organisation", "organization", "firma", "unternehmen",
					"konto"),
			ImportField.of("street", "address", "street address", "strasse", "straße", "adresse"),
			ImportField.of("postal_code", "zip", "zip code", "postcode", "postal code", "plz", "postleitzahl"),
			ImportField.of("city", "town", "ort", "stadt"), ImportField.of("country", "land", "staat"),
			ImportField.of("lifecycle_stage", "stage", "lifecycle", "lifecycle stage", "phase"),
			ImportField.of("tags", "tag", "labels", "schlagworte", "schlagwörter"), ImportField.of("language",
					"preferred language", "locale", "preferred locale", "sprache", "korrespondenzsprache"),
			ImportField.externalId());

	/** The language names a file may use besides a tag, lower-case. */
	private static final Map<String, String> LANGUAGE_NAMES = Map.of("english", "en", "englisch", "en", "deutsch", "de",
			"german", "de");

	private final ContactService contacts;

	private final ContactLookup lookup;

	/** Consent an import sets is logged as the import's. */
	private static final ConsentNote IMPORTED = ConsentNote.of(ConsentSource.IMPORT);

	private final JdbcClient jdbc;

	/** The contact holding an external id. */
	private final Function<String, Long> externalIds;

	ContactImport(ContactService contacts, ContactLookup lookup, JdbcClient jdbc) {
		this.lookup = lookup;
		this.contacts = contacts;
		this.jdbc = jdbc;
		this.externalIds = ExternalIdKey.holderIn(jdbc, "contacts");
	}

	@Override
	public String type() {
		return "contacts";
	}

	@Override
	public List<ImportField> fields() {
		return FIELDS;
	}

	@Override
	public List<String> matchKeys() {
		return List.of(ImportField.EXTERNAL_ID, "email", "name_account");
	}

	@Override
	public boolean mayImport(Role role) {
		return role.isStaff();
	}

	@Override
	public ImportOutcome apply(ImportRow row, String matchKey, Visibility visibility, boolean dryRun) {
		Map<String, String> wanted = new HashMap<>(row.values());
		Long accountId = null;
		if (row.has("account")) {
			Optional<Long> account = accountNamed(row.get("account"), visibility);
			if (account.isEmpty()) {
				return row.refuse("account", "import.accountNotFound", "No account of this name.");
			}
			accountId = account.get();
			wanted.put("account", accountId.toString());
		}
		ImportOutcome refused = CustomerImportFields.clean(row, wanted);
		if (refused != null) {
			return refused;
		}
		if (row.has("language")) {
			String language = language(row.get("language"));
			if (language == null) {
				return row.refuse("language", "import.language", "Not a language of the CRM (en or de).");
			}
			wanted.put("language", language);
		}
		Long existing = match(row, matchKey, wanted, accountId);
		ImportOutcome taken = ExternalIdKey.taken(row, existing, externalIds);
		if (taken != null) {
			return taken;
		}
		if (existing == null) {
			ImportChanges.tagsOfNew(row, wanted);
			return ImportOutcome
				.create(dryRun ? null : contacts.create(command(Map.of(), wanted, 0), visibility, IMPORTED));
		}
		Optional<ContactDetails> current = lookup.find(existing, visibility);
		if (current.isEmpty()) {
			return ImportOutcome.reject(null, "import.notVisible", "The matching record is not yours to change.");
		}
		Map<String, String> now = values(current.get());
		ImportChanges.tagsAdded(row, wanted, current.get().tags());
		return ImportChanges.update(existing, now, wanted, dryRun,
				() -> contacts.update(existing, command(now, wanted, current.get().version()), visibility, IMPORTED));
	}

	@Override
	public void undoCreate(long id, Visibility visibility) {
		lookup.find(id, visibility).ifPresent(c -> contacts.delete(id, c.version(), visibility));
	}

	@Override
	public void undoUpdate(long id, Map<String, String> before, Visibility visibility) {
		lookup.find(id, visibility).ifPresent(c -> {
			Map<String, String> now = values(c);
			contacts.update(id, command(now, before, c.version()), visibility);
		});
	}

	private Long match(ImportRow row, String matchKey, Map<String, String> wanted, Long accountId) {
		if (ImportField.EXTERNAL_ID.equals(matchKey)) {
			return ExternalIdKey.match(row, matchKey, externalIds);
		}
		if ("email".equals(matchKey) && wanted.containsKey("email")) {
			return jdbc.sql("select id from contacts where lower(email) = lower(?) order by id limit 1")
				.param(wanted.get("email"))
				.query(Long.class)
				.optional()
				.orElse(null);
		}
		if ("name_account".equals(matchKey) && row.has("last_name")) {
			return jdbc.sql("""
					select id from contacts
					where lower(last_name) = lower(:last) and lower(first_name) = lower(:first)
					  and account_id is not distinct from :account
					order by id limit 1
					""")
				.param("last", row.get("last_name"))
				.param("first", row.has("first_name") ? row.get("first_name") : "")
				.param("account", accountId)
				.query(Long.class)
				.optional()
				.orElse(null);
		}
		return null;
	}

	private Optional<Long> accountNamed(String name, Visibility visibility) {
		SqlWhere where = AccountAccess.restrictAccounts(new SqlWhere(), visibility, "a")
			.and("a.sort_name = lower(:name)", "name", name.trim());
		return where.bind(jdbc.sql("select a.id from accounts a " + where.sql() + " order by a.id limit 1"))
			.query(Long.class)
			.optional();
	}

	/** The fields as the import compares them (keys as in {@link #FIELDS}). */
	private static Map<String, String> values(ContactDetails c) {
		Map<String, String> v = new HashMap<>();
		v.put("first_name", c.firstName());
		v.put("last_name", c.lastName());
		v.put("email", c.email());
		v.put("phone", c.phone());
		v.put("mobile", c.mobile());
		v.put("title", c.title());
		v.put("account", c.accountId() == null ? null : c.accountId().toString());
		v.put("street", c.street());
		v.put("postal_code", c.postalCode());
		v.put("city", c.city());
		v.put("country", c.country());
		v.put("lifecycle_stage", c.lifecycleStage().name());
		v.put("tags", Tags.format(c.tags()));
		v.put("owner", c.ownerId() == null ? null : c.ownerId().toString());
		v.put("consent_email", Boolean.toString(c.consentEmail()));
		v.put("consent_phone", Boolean.toString(c.consentPhone()));
		v.put(ImportField.EXTERNAL_ID, c.externalId());
		v.put("language", c.preferredLocale());
		return v;
	}

	/** The language tag a cell names ({@code de-AT} is {@code de}), else null. */
	static String language(String cell) {
		String value = cell.strip().toLowerCase(Locale.ROOT);
		String tag = LANGUAGE_NAMES.getOrDefault(value, value.split("[-_]")[0]);
		return UserSettings.LANGUAGES.contains(tag) ? tag : null;
	}

	/** The current values with the changes laid over them, as a command. */
	private static ContactCommand command(Map<String, String> current, Map<String, String> changes, long version) {
		Map<String, String> v = new HashMap<>(current);
		v.putAll(changes);
		String first = v.get("first_name");
		return new ContactCommand(first == null ? "" : first, v.get("last_name"), v.get("title"), v.get("email"),
				v.get("phone"), v.get("mobile"), v.get("street"), v.get("city"), v.get("postal_code"), v.get("country"),
				v.get("account") == null ? null : Long.valueOf(v.get("account")),
				v.get("lifecycle_stage") == null ? LifecycleStage.LEAD
						: LifecycleStage.valueOf(v.get("lifecycle_stage")),
				v.get("owner") == null ? null : Long.valueOf(v.get("owner")),
				v.get("tags") == null ? List.of() : Tags.parse(v.get("tags")),
				Boolean.parseBoolean(v.get("consent_email")), Boolean.parseBoolean(v.get("consent_phone")),
				ExternalIdKey.command(changes),
				// Known and empty: none (an undo back to no language); not known: kept.
				v.containsKey("language") && v.get("language") == null ? "" : v.get("language"), version);
	}

}
