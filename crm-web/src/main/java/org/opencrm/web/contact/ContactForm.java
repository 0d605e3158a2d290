package org.opencrm.web.contact;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.opencrm.core.contact.ContactCommand;
import org.opencrm.core.contact.ContactDetails;
import org.opencrm.core.shared.LifecycleStage;
import org.opencrm.core.shared.Tags;
import org.opencrm.core.shared.ValidCountry;
import org.opencrm.core.shared.ValidEmail;
import org.opencrm.web.system.Forms;

/**
 * The contact form as typed: a mutable bean, so a value that fails conversion still comes
 * back to the form with its message.
 */
class ContactForm implements java.io.Serializable {

	@NotBlank
	@Size(max = 100)
	private String firstName;

	@NotBlank
	@Size(max = 100)
	private String lastName;

	@Size(max = 150)
	private String title;

	@ValidEmail
	private String email;

	@Size(max = 50)
	@Pattern(regexp = "^[+0-9 ()./-]*$")
	private String phone;

	@Size(max = 50)
	@Pattern(regexp = "^[+0-9 ()./-]*$")
	private String mobile;

	@Size(max = 200)
	private String street;

	@Size(max = 100)
	private String city;

	@Size(max = 20)
	private String postalCode;

	@ValidCountry
	private String country;

	/**
	 * The account chosen with the picker (its typed name comes as {@code accountIdText}
	 * and is resolved on save).
	 */
	@Positive
	private Long accountId;

	@NotNull
	private LifecycleStage lifecycleStage = LifecycleStage.LEAD;

	private Long ownerId;

	@Size(max = 500)
	private String tags;

	private boolean consentEmail;

	private boolean consentPhone;

	/** The language of the contact's mails; blank: the install's default. */
	private String preferredLocale;

	private long version;

	/** Ticked to save despite a look-alike. */
	private boolean confirmDuplicate;

	static ContactForm empty(Long accountId, Long ownerId) {
		ContactForm form = new ContactForm();
		form.accountId = accountId;
		form.ownerId = ownerId;
		return form;
	}

	static ContactForm of(ContactDetails c) {
		ContactForm f = new ContactForm();
		f.firstName = c.firstName();
		f.lastName = c.lastName();
		f.title = c.title();
		f.email = c.email();
		f.phone = c.phone();
		f.mobile = c.mobile();
		f.street = c.street();
		f.city = c.city();
		f.postalCode = c.postalCode();
		f.country = c.country();
		f.accountId = c.accountId();
		f.lifecycleStage = c.lifecycleStage();
		f.ownerId = c.ownerId();
		f.tags = Tags.format(c.tags());
		f.consentEmail = c.consentEmail();
		f.consentPhone = c.consentPhone();
		f.preferredLocale = c.preferredLocale();
		f.version = c.version();
		return f;
	}

	ContactCommand toCommand(Long accountId) {
		return new ContactCommand(firstName.trim(), lastName.trim(), Forms.trimmed(title), Forms.trimmed(email),
				Forms.trimmed(phone), Forms.trimmed(mobile), Forms.trimmed(street), Forms.trimmed(city),
				Forms.trimmed(postalCode), Forms.trimmed(country), accountId, lifecycleStage, ownerId, Tags.parse(tags),
				consentEmail, consentPhone, version)
			.withPreferredLocale(preferredLocale == null ? "" : preferredLocale);
	}

	public String getFirstName() {
		return firstName;
	}

	public void setFirstName(String firstName) {
		this.firstName = firstName;
	}

	public String getLastName() {
		return lastName;
	}

	public void setLastName(String lastName) {
		this.lastName = lastName;
	}

	public String getTitle() {
		return title;
	}

	public void setTitle(String title) {
		this.title = title;
	}

	public String getEmail() {
		return email;
	}

	public void setEmail(String email) {
		this.email = email;
	}

	public String getPhone() {
		return phone;
	}

	public void setPhone(String phone) {
		this.phone = phone;
	}

	public String getMobile() {
		return mobile;
	}

	public void setMobile(String mobile) {
		this.mobile = mobile;
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

	public Long getAccountId() {
		return accountId;
	}

	public void setAccountId(Long accountId) {
		this.accountId = accountId;
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

	public boolean isConsentEmail() {
		return consentEmail;
	}

	public void setConsentEmail(boolean consentEmail) {
		this.consentEmail = consentEmail;
	}

	public boolean isConsentPhone() {
		return consentPhone;
	}

	public void setConsentPhone(boolean consentPhone) {
		this.consentPhone = consentPhone;
	}

	public String getPreferredLocale() {
		return preferredLocale;
	}

	public void setPreferredLocale(String preferredLocale) {
		this.preferredLocale = preferredLocale;
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
