package org.opencrm.core.contact;

import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.opencrm.core.shared.Address;
import org.opencrm.core.shared.BaseEntity;
import org.opencrm.core.shared.EmailAddress;
import org.opencrm.core.shared.ExternalId;
import org.opencrm.core.shared.LifecycleStage;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.Tags;
import org.opencrm.core.user.UserSettings;

@Entity
@Table(name = "contacts")
class Contact extends BaseEntity {

	private Long accountId;

	private String firstName;

	private String lastName;

	private String title;

	private String email;

	private String phone;

	private String mobile;

	@Embedded
	private Address address;

	@Enumerated(EnumType.STRING)
	private LifecycleStage lifecycleStage;

	private Long ownerId;

	@JdbcTypeCode(SqlTypes.ARRAY)
	private List<String> tags = new ArrayList<>();

	private boolean consentEmail;

	private boolean consentPhone;

	private Instant consentUpdatedAt;

	private String externalId;

	/**
	 * The language of the contact's mails ({@link UserSettings#LANGUAGES}); null: the
	 * default.
	 */
	private String preferredLocale;

	protected Contact() {
	}

	Contact(ContactCommand cmd, Instant now) {
		apply(cmd, now);
	}

	/** Turns e-mail consent off; false when it was off already. */
	boolean withdrawEmailConsent(Instant now) {
		if (!consentEmail) {
			return false;
		}
		consentEmail = false;
		consentUpdatedAt = now;
		return true;
	}

	/** The channels a new contact agreed to, for the consent log. */
	List<ConsentChange> initialConsents() {
		List<ConsentChange> given = new ArrayList<>();
		if (consentEmail) {
			given.add(new ConsentChange(ConsentChange.Channel.EMAIL, true));
		}
		if (consentPhone) {
			given.add(new ConsentChange(ConsentChange.Channel.PHONE, true));
		}
		return given;
	}

	/**
	 * Adds the tags it doesn't carry yet, normalised as typed ones are; false when it had
	 * them all.
	 */
	boolean addTags(Collection<String> more) {
		List<String> added = Tags.parse(String.join(",", more)).stream().filter(t -> !tags.contains(t)).toList();
		if (added.isEmpty()) {
			return false;
		}
		// A new list, not the loaded one changed in place: the change is plain to dirty
		// checking.
		List<String> changed = new ArrayList<>(tags);
		changed.addAll(added);
		tags = changed;
		return true;
	}

	/**
	 * A workflow rule sets one field (job title, lifecycle stage), checked as the form's
	 * rules check it.
	 * @throws RuleViolationException when the value breaks the field's rule
	 */
	void setByRule(String field, String value) {
		String v = value == null || value.isBlank() ? null : value.trim();
		switch (field) {
			case "title" -> {
				if (v != null && v.length() > 150) {
					throw new RuleViolationException("workflow.value.tooLong",
							"\"{0}\" is too long for the field \"{1}\" (at most {2} characters).", v, field, 150);
				}
				this.title = v;
			}
			case "lifecycleStage" -> {
				if (v == null) {
					throw new RuleViolationException("workflow.value.required", "Give a value.");
				}
				this.lifecycleStage = LifecycleStage.valueOf(v.toUpperCase(java.util.Locale.ROOT));
			}
			default -> throw new RuleViolationException("workflow.field.notSettable",
					"A rule can't set the field \"{0}\".", field);
		}
	}

	/** Gives the person to another owner (the owner rule checked by the caller). */
	void giveTo(Long ownerId) {
		this.ownerId = ownerId;
	}

	/**
	 * Checks the values first, so a broken rule leaves the contact as it was. Returns the
	 * channels whose consent changed, for the consent log.
	 */
	List<ConsentChange> apply(ContactCommand cmd, Instant now) {
		List<ConsentChange> changes = new ArrayList<>();
		if (getId() != null && cmd.consentEmail() != consentEmail) {
			changes.add(new ConsentChange(ConsentChange.Channel.EMAIL, cmd.consentEmail()));
		}
		if (getId() != null && cmd.consentPhone() != consentPhone) {
			changes.add(new ConsentChange(ConsentChange.Channel.PHONE, cmd.consentPhone()));
		}
		String email = EmailAddress.normalise(cmd.email());
		Address address = new Address(cmd.street(), cmd.postalCode(), cmd.city(), cmd.country());
		String externalId = ExternalId.after(this.externalId, cmd.externalId());
		String preferredLocale = language(this.preferredLocale, cmd.preferredLocale());
		if (cmd.consentEmail() != consentEmail || cmd.consentPhone() != consentPhone || consentUpdatedAt == null) {
			consentUpdatedAt = now;
		}
		this.accountId = cmd.accountId();
		this.firstName = cmd.firstName().trim();
		this.lastName = cmd.lastName().trim();
		this.title = cmd.title();
		this.email = email;
		this.phone = cmd.phone();
		this.mobile = cmd.mobile();
		this.address = address.isEmpty() ? null : address;
		this.lifecycleStage = cmd.lifecycleStage();
		this.ownerId = cmd.ownerId();
		this.tags = new ArrayList<>(cmd.tags());
		this.consentEmail = cmd.consentEmail();
		this.consentPhone = cmd.consentPhone();
		this.externalId = externalId;
		this.preferredLocale = preferredLocale;
		return changes;
	}

	/**
	 * The language after a command's value: {@code current} for null, none for blank.
	 * @throws RuleViolationException {@code contact.preferredLocale.unknown} on field
	 * {@code preferredLocale}
	 */
	static String language(String current, String commanded) {
		if (commanded == null) {
			return current;
		}
		String tag = commanded.strip().toLowerCase(Locale.ROOT);
		if (tag.isEmpty()) {
			return null;
		}
		if (!UserSettings.LANGUAGES.contains(tag)) {
			throw RuleViolationException.onField("preferredLocale", "contact.preferredLocale.unknown",
					"Choose English or Deutsch.", commanded);
		}
		return tag;
	}

	Map<String, String> snapshot() {
		Map<String, String> s = new LinkedHashMap<>();
		s.put("accountId", accountId == null ? null : accountId.toString());
		s.put("firstName", firstName);
		s.put("lastName", lastName);
		s.put("title", title);
		s.put("email", email);
		s.put("phone", phone);
		s.put("mobile", mobile);
		// Hibernate reads an address of null columns as null.
		Address a = address == null ? new Address(null, null, null, null) : address;
		s.put("street", a.street());
		s.put("city", a.city());
		s.put("postalCode", a.postalCode());
		s.put("country", a.country());
		s.put("lifecycleStage", lifecycleStage == null ? null : lifecycleStage.name());
		s.put("ownerId", ownerId == null ? null : ownerId.toString());
		s.put("tags", Tags.format(tags));
		s.put("consentEmail", Boolean.toString(consentEmail));
		s.put("consentPhone", Boolean.toString(consentPhone));
		s.put("externalId", externalId);
		s.put("preferredLocale", preferredLocale);
		return s;
	}

	Long getAccountId() {
		return accountId;
	}

	String fullName() {
		return (firstName + " " + lastName).strip();
	}

	String getEmail() {
		return email;
	}

	LifecycleStage getLifecycleStage() {
		return lifecycleStage;
	}

	Long getOwnerId() {
		return ownerId;
	}

}
