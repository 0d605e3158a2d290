package org.opencrm.core.company;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.opencrm.core.shared.BaseEntity;
import org.opencrm.core.shared.RuleViolationException;

/**
 * The one row saying what the company is called and what its logo looks like. No name
 * means the public pages keep their own headings.
 */
@Entity
@Table(name = "company_profile")
class CompanyProfile extends BaseEntity {

	static final int NAME_MAX = 200;

	@Column(length = NAME_MAX)
	private String name;

	private byte[] logo;

	@Column(length = 30)
	private String logoType;

	protected CompanyProfile() {
	}

	String name() {
		return name;
	}

	Logo logo() {
		return logo == null ? null : new Logo(logo, logoType);
	}

	void rename(String newName) {
		String trimmed = newName == null ? "" : newName.strip();
		if (trimmed.length() > NAME_MAX) {
			throw RuleViolationException.onField("name", "company.name.tooLong", "At most {0} characters.", NAME_MAX);
		}
		this.name = trimmed.isEmpty() ? null : trimmed;
	}

	void replaceLogo(Logo newLogo) {
		this.logo = newLogo.bytes();
		this.logoType = newLogo.contentType();
	}

	void removeLogo() {
		this.logo = null;
		this.logoType = null;
	}

}
