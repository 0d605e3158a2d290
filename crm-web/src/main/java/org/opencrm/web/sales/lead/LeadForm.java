package org.opencrm.web.sales.lead;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.opencrm.core.shared.ValidEmail;
import org.opencrm.sales.lead.LeadCommand;
import org.opencrm.sales.lead.LeadDetails;
import org.opencrm.web.system.Forms;

/**
 * The lead form as typed: a mutable bean, so a value that fails conversion comes back
 * with its message.
 */
class LeadForm {

	@Size(max = 100)
	private String firstName;

	@NotBlank
	@Size(max = 100)
	private String lastName;

	@ValidEmail
	@Size(max = 254)
	private String email;

	@Size(max = 50)
	private String phone;

	@Size(max = 200)
	private String company;

	@Size(max = 150)
	private String title;

	@Size(max = 100)
	private String industry;

	@Size(max = 100)
	private String country;

	@PositiveOrZero
	private Integer companySize;

	@NotBlank
	@Size(max = 50)
	private String source = "manual";

	@Size(max = 200)
	private String sourceDetail;

	private Long ownerId;

	private long version;

	/** Ticked to save despite a look-alike. */
	private boolean confirmDuplicate;

	static LeadForm of(LeadDetails l) {
		LeadForm f = new LeadForm();
		f.firstName = l.firstName();
		f.lastName = l.lastName();
		f.email = l.email();
		f.phone = l.phone();
		f.company = l.company();
		f.title = l.title();
		f.industry = l.industry();
		f.country = l.country();
		f.companySize = l.companySize();
		f.source = l.source();
		f.sourceDetail = l.sourceDetail();
		f.ownerId = l.ownerId();
		f.version = l.version();
		return f;
	}

	LeadCommand toCommand(Long campaignId) {
		return new LeadCommand(Forms.trimmed(firstName), lastName.trim(), Forms.trimmed(email), Forms.trimmed(phone),
				Forms.trimmed(company), Forms.trimmed(title), Forms.trimmed(industry), Forms.trimmed(country),
				companySize, source.trim(), Forms.trimmed(sourceDetail), campaignId, ownerId, version);
	}

	public String getFirstName() {
		return firstName;
	}

	public void setFirstName(String v) {
		firstName = v;
	}

	public String getLastName() {
		return lastName;
	}

	public void setLastName(String v) {
		lastName = v;
	}

	public String getEmail() {
		return email;
	}

	public void setEmail(String v) {
		email = v;
	}

	public String getPhone() {
		return phone;
	}

	public void setPhone(String v) {
		phone = v;
	}

	public String getCompany() {
		return company;
	}

	public void setCompany(String v) {
		company = v;
	}

	public String getTitle() {
		return title;
	}

	public void setTitle(String v) {
		title = v;
	}

	public String getIndustry() {
		return industry;
	}

	public void setIndustry(String v) {
		industry = v;
	}

	public String getCountry() {
		return country;
	}

	public void setCountry(String v) {
		country = v;
	}

	public Integer getCompanySize() {
		return companySize;
	}

	public void setCompanySize(Integer v) {
		companySize = v;
	}

	public String getSource() {
		return source;
	}

	public void setSource(String v) {
		source = v;
	}

	public String getSourceDetail() {
		return sourceDetail;
	}

	public void setSourceDetail(String v) {
		sourceDetail = v;
	}

	public Long getOwnerId() {
		return ownerId;
	}

	public void setOwnerId(Long v) {
		ownerId = v;
	}

	public long getVersion() {
		return version;
	}

	public void setVersion(long v) {
		version = v;
	}

	public boolean isConfirmDuplicate() {
		return confirmDuplicate;
	}

	public void setConfirmDuplicate(boolean v) {
		confirmDuplicate = v;
	}

}
