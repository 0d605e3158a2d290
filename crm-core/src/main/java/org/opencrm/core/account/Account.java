package org.opencrm.core.account;

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
import org.opencrm.core.shared.BaseEntity;
import org.opencrm.core.shared.LifecycleStage;
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

	private String street;

	private String city;

	private String postalCode;

	private String country;

	@Enumerated(EnumType.STRING)
	private LifecycleStage lifecycleStage;

	private Long ownerId;

	@JdbcTypeCode(SqlTypes.ARRAY)
	private List<String> tags = new ArrayList<>();

	protected Account() {
	}

	Account(AccountCommand cmd) {
		apply(cmd);
	}

	void apply(AccountCommand cmd) {
		this.name = cmd.name().trim();
		this.domain = cmd.domain();
		this.industry = cmd.industry();
		this.phone = cmd.phone();
		this.email = cmd.email();
		this.website = cmd.website();
		this.street = cmd.street();
		this.city = cmd.city();
		this.postalCode = cmd.postalCode();
		this.country = cmd.country();
		this.lifecycleStage = cmd.lifecycleStage();
		this.ownerId = cmd.ownerId();
		this.tags = new ArrayList<>(cmd.tags());
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
		s.put("street", street);
		s.put("city", city);
		s.put("postalCode", postalCode);
		s.put("country", country);
		s.put("lifecycleStage", lifecycleStage == null ? null : lifecycleStage.name());
		s.put("ownerId", ownerId == null ? null : ownerId.toString());
		s.put("tags", Tags.format(tags));
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
