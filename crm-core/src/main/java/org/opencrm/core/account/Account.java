package org.opencrm.core.account;

import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

@Entity
@Table(name = "accounts")
class Account extends BaseEntity {

	private String name;

	private String domain;

	private String industry;

	private String phone;

	private String email;

	private String website;

	@Embedded
	private Address address;

	@Enumerated(EnumType.STRING)
	private LifecycleStage lifecycleStage;

	private Long ownerId;

	@JdbcTypeCode(SqlTypes.ARRAY)
	private List<String> tags = new ArrayList<>();

	private String externalId;

	protected Account() {
	}

	Account(AccountCommand cmd) {
		apply(cmd);
	}

	/** Checks the values first, so a broken rule leaves the account as it was. */
	void apply(AccountCommand cmd) {
		String email = EmailAddress.normalise(cmd.email());
		Address address = new Address(cmd.street(), cmd.postalCode(), cmd.city(), cmd.country());
		String externalId = ExternalId.after(this.externalId, cmd.externalId());
		this.externalId = externalId;
		this.name = cmd.name().trim();
		this.domain = cmd.domain();
		this.industry = cmd.industry();
		this.phone = cmd.phone();
		this.email = email;
		this.website = cmd.website();
		this.address = address.isEmpty() ? null : address;
		this.lifecycleStage = cmd.lifecycleStage();
		this.ownerId = cmd.ownerId();
		this.tags = new ArrayList<>(cmd.tags());
	}

	/**
	 * A workflow rule sets one field (name, industry, country, lifecycle stage), checked
	 * as the form's rules check it.
	 * @throws RuleViolationException when the value breaks the field's rule
	 */
	void setByRule(String field, String value) {
		String v = value == null || value.isBlank() ? null : value.trim();
		switch (field) {
			case "name" -> {
				if (v == null) {
					throw new RuleViolationException("workflow.value.required", "Give a value.");
				}
				this.name = limited(v, 200, field);
			}
			case "industry" -> this.industry = limited(v, 100, field);
			case "country" -> this.address = withCountry(limited(v, 100, field));
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

	static String limited(String value, int max, String field) {
		if (value != null && value.length() > max) {
			throw new RuleViolationException("workflow.value.tooLong",
					"\"{0}\" is too long for the field \"{1}\" (at most {2} characters).", value, field, max);
		}
		return value;
	}

	private Address withCountry(String country) {
		Address a = address == null ? new Address(null, null, null, null) : address;
		Address changed = new Address(a.street(), a.postalCode(), a.city(), country);
		return changed.isEmpty() ? null : changed;
	}

	/** Gives the account to another owner (the owner rule checked by the caller). */
	void giveTo(Long ownerId) {
		this.ownerId = ownerId;
	}

	/**
	 * Adds the tags it doesn't carry yet, normalised as typed ones are; false when it had
	 * them all.
	 */
	boolean addTags(java.util.Collection<String> more) {
		List<String> added = Tags.parse(String.join(",", more)).stream().filter(t -> !tags.contains(t)).toList();
		if (added.isEmpty()) {
			return false;
		}
		List<String> changed = new ArrayList<>(tags);
		changed.addAll(added);
		tags = changed;
		return true;
	}

	/** The fields the audit trail compares, as text. */
	Map<String, String> snapshot() {
		Map<String, String> s = new LinkedHashMap<>();
		s.put("name", name);
		s.put("domain", domain);
		s.put("industry", industry);
		s.put("phone", phone);
		s.put("email", email);
		s.put("website", website);
		// Hibernate reads an address of null columns as null.
		Address a = address == null ? new Address(null, null, null, null) : address;
		s.put("street", a.street());
		s.put("city", a.city());
		s.put("postalCode", a.postalCode());
		s.put("country", a.country());
		s.put("lifecycleStage", lifecycleStage == null ? null : lifecycleStage.name());
		s.put("ownerId", ownerId == null ? null : ownerId.toString());
		s.put("tags", Tags.format(tags));
		s.put("externalId", externalId);
		return s;
	}

	String getName() {
		return name;
	}

	LifecycleStage getLifecycleStage() {
		return lifecycleStage;
	}

	Long getOwnerId() {
		return ownerId;
	}

}
