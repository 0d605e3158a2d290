package org.opencrm.core.dedupe;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opencrm.core.contact.ConsentNote;
import org.opencrm.core.contact.ConsentSource;
import org.opencrm.core.contact.ContactCommand;
import org.opencrm.core.contact.ContactDetails;
import org.opencrm.core.contact.ContactLookup;
import org.opencrm.core.contact.ContactService;
import org.opencrm.core.user.Visibility;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** People: the fields a merge picks and the writes, through {@link ContactService}. */
@Component
class ContactMerging implements MergeTarget<ContactDetails> {

	static final List<String> FIELDS = List.of("firstName", "lastName", "title", "email", "phone", "mobile", "address",
			"accountId", "lifecycleStage", "ownerId", "consentEmail", "consentPhone");

	private final ContactLookup lookup;

	private final ContactService contacts;

	private final JdbcClient jdbc;

	ContactMerging(ContactLookup lookup, ContactService contacts, JdbcClient jdbc) {
		this.lookup = lookup;
		this.contacts = contacts;
		this.jdbc = jdbc;
	}

	@Override
	public RecordType type() {
		return RecordType.CONTACT;
	}

	@Override
	public List<String> fields() {
		return FIELDS;
	}

	@Override
	public ContactDetails load(long id, Visibility visibility) {
		return lookup.details(id, visibility);
	}

	@Override
	public long version(ContactDetails c) {
		return c.version();
	}

	@Override
	public String title(ContactDetails c) {
		return c.fullName();
	}

	@Override
	public Map<String, String> values(ContactDetails c) {
		Map<String, String> v = new LinkedHashMap<>();
		v.put("firstName", c.firstName());
		v.put("lastName", c.lastName());
		v.put("title", c.title());
		v.put("email", c.email());
		v.put("phone", c.phone());
		v.put("mobile", c.mobile());
		v.put("address", MergeValues.address(c.street(), c.postalCode(), c.city(), c.country()));
		v.put("accountId", c.accountName());
		v.put("lifecycleStage", c.lifecycleStage().name());
		v.put("ownerId", c.ownerName());
		v.put("consentEmail", Boolean.toString(c.consentEmail()));
		v.put("consentPhone", Boolean.toString(c.consentPhone()));
		return v;
	}

	/**
	 * Consent follows the person's latest decision: a withdrawal on one record is not
	 * undone by an older yes on another.
	 */
	@Override
	public ContactDetails preferred(String field, List<ContactDetails> records) {
		if (!field.startsWith("consent")) {
			return null;
		}
		return records.stream()
			.max(Comparator
				.comparing((ContactDetails c) -> c.consentUpdatedAt() == null ? Instant.EPOCH : c.consentUpdatedAt()))
			.orElse(null);
	}

	@Override
	public String stored(ContactDetails c, String field) {
		return switch (field) {
			case "accountId" -> c.accountId() == null ? null : c.accountId().toString();
			case "ownerId" -> c.ownerId() == null ? null : c.ownerId().toString();
			default -> values(c).get(field);
		};
	}

	@Override
	public void lock(List<Long> ids) {
		jdbc.sql("select id from contacts where id = any(?) order by id for update")
			.param(ids.toArray(Long[]::new))
			.query(Long.class)
			.list();
	}

	@Override
	public void update(ContactDetails s, Map<String, ContactDetails> chosen, List<ContactDetails> all,
			Visibility visibility) {
		Set<String> tags = new LinkedHashSet<>();
		all.forEach(c -> tags.addAll(c.tags()));
		ContactDetails address = chosen.get("address");
		ContactCommand cmd = new ContactCommand(chosen.get("firstName").firstName(), chosen.get("lastName").lastName(),
				chosen.get("title").title(), chosen.get("email").email(), chosen.get("phone").phone(),
				chosen.get("mobile").mobile(), address.street(), address.city(), address.postalCode(),
				address.country(), chosen.get("accountId").accountId(), chosen.get("lifecycleStage").lifecycleStage(),
				chosen.get("ownerId").ownerId(), List.copyOf(tags), chosen.get("consentEmail").consentEmail(),
				chosen.get("consentPhone").consentPhone(), s.version());
		contacts.update(s.id(), cmd, visibility, ConsentNote.of(ConsentSource.MANUAL));
	}

	@Override
	public void delete(ContactDetails merged, Visibility visibility) {
		contacts.delete(merged.id(), merged.version(), visibility);
	}

	@Override
	public Long accountOf(ContactDetails c) {
		return null;
	}

	@Override
	public Long contactOf(ContactDetails c) {
		return c.id();
	}

}
