package org.opencrm.web.account;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.opencrm.core.account.AccountCommand;
import org.opencrm.core.account.AccountDetails;
import org.opencrm.core.shared.LifecycleStage;
import org.opencrm.core.shared.Tags;
import org.opencrm.core.shared.ValidCountry;
import org.opencrm.core.shared.ValidEmail;
import org.opencrm.web.system.Forms;

/**
 * The account form as typed: a mutable bean, so a value that fails conversion still comes
 * back to the form with its message.
 */
class AccountForm implements java.io.Serializable {

	@NotBlank
	@Size(max = 200)
	private String name;

	@Size(max = 200)
	@Pattern(regexp = "^$|^[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$")
	private String domain;

	@Size(max = 100)
	private String industry;

	@Size(max = 50)
	@Pattern(regexp = "^[+0-9 ()./-]*$")
	private String phone;

	@ValidEmail
	private String email;

	@Size(max = 300)
	private String website;

	@Size(max = 200)
	private String street;

	@Size(max = 100)
	private String city;

	@Size(max = 20)
	private String postalCode;

	@ValidCountry
	private String country;

	@NotNull
	private LifecycleStage lifecycleStage = LifecycleStage.LEAD;

	private Long ownerId;

	@Size(max = 500)
	private String tags;

	private long version;

	/** Ticked to save despite a look-alike. */
	private boolean confirmDuplicate;

	static AccountForm empty(Long ownerId) {
		AccountForm form = new AccountForm();
		form.ownerId = ownerId;
		return form;
	}

	static AccountForm of(AccountDetails a) {
		AccountForm f = new AccountForm();
		f.name = a.name();
		f.domain = a.domain();
		f.industry = a.industry();
		f.phone = a.phone();
		f.email = a.email();
		f.website = a.website();
		f.street = a.street();
		f.city = a.city();
		f.postalCode = a.postalCode();
		f.country = a.country();
		f.lifecycleStage = a.lifecycleStage();
		f.ownerId = a.ownerId();
		f.tags = Tags.format(a.tags());
		f.version = a.version();
		return f;
	}

	AccountCommand toCommand() {
		return new AccountCommand(name.trim(), Forms.trimmed(domain), Forms.trimmed(industry), Forms.trimmed(phone),
				Forms.trimmed(email), Forms.trimmed(website), Forms.trimmed(street), Forms.trimmed(city),
				Forms.trimmed(postalCode), Forms.trimmed(country), lifecycleStage, ownerId, Tags.parse(tags), version);
	}

	public String getName() {
		return name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public String getDomain() {
		return domain;
	}

	public void setDomain(String domain) {
		this.domain = domain;
	}

	public String getIndustry() {
		return industry;
	}

	public void setIndustry(String industry) {
		this.industry = industry;
	}

	public String getPhone() {
		return phone;
	}

	public void setPhone(String phone) {
		this.phone = phone;
	}

	public String getEmail() {
		return email;
	}

	public void setEmail(String email) {
		this.email = email;
	}

	public String getWebsite() {
		return website;
	}

	public void setWebsite(String website) {
		this.website = website;
	}

	public String getStreet() {
		return street;
	}

	public void setStreet(String street) {
		this.street = street;
	}

	public String getCity() {
		return city;
	}

	public void setCity(String city) {
		this.city = city;
	}

	public String getPostalCode() {
		return postalCode;
	}

	public void setPostalCode(String postalCode) {
		this.postalCode = postalCode;
	}

	public String getCountry() {
		return country;
	}

	public void setCountry(String country) {
		this.country = country;
	}

	public LifecycleStage getLifecycleStage() {
		return lifecycleStage;
	}

	public void setLifecycleStage(LifecycleStage lifecycleStage) {
		this.lifecycleStage = lifecycleStage;
	}

	public Long getOwnerId() {
		return ownerId;
	}

	public void setOwnerId(Long ownerId) {
		this.ownerId = ownerId;
	}

	public String getTags() {
		return tags;
	}

	public void setTags(String tags) {
		this.tags = tags;
	}

	public long getVersion() {
		return version;
	}

	public void setVersion(long version) {
		this.version = version;
	}

	public boolean isConfirmDuplicate() {
		return confirmDuplicate;
	}

	public void setConfirmDuplicate(boolean confirmDuplicate) {
		this.confirmDuplicate = confirmDuplicate;
	}

}
