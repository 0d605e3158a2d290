package org.opencrm.sales.lead;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencrm.core.shared.BaseEntity;
import org.opencrm.core.shared.EmailAddress;
import org.opencrm.core.shared.ExternalId;
import org.opencrm.core.shared.RuleViolationException;

/**
 * A prospect sales works on: new → working → qualified or disqualified → converted (once,
 * by {@link #markConverted}). Its fields' rules and its status flow hold on every change;
 * who may see or own it, and what a conversion creates, stay with the services.
 *
 * <p>
 * Marketing's score ({@code score}, {@code mql}) is read-only here: it is written by
 * {@link LeadRepository#applyScore} alone, so a change to the lead never writes back an
 * older score, and a new score doesn't make an open edit form stale.
 */
@Entity
@Table(name = "leads")
class Lead extends BaseEntity {

	private String firstName;

	private String lastName;

	private String email;

	private String phone;

	private String company;

	private String title;

	private String industry;

	private String country;

	private Integer companySize;

	private String source;

	private String sourceDetail;

	private Long campaignId;

	@Enumerated(EnumType.STRING)
	private LeadStatus status = LeadStatus.NEW;

	private String disqualifiedReason;

	private String externalId;

	@Column(insertable = false, updatable = false)
	private int score;

	@Column(insertable = false, updatable = false)
	private boolean mql;

	private Long ownerId;

	private Long convertedAccountId;

	private Long convertedContactId;

	private Long convertedOpportunityId;

	private Instant convertedAt;

	private Instant lastActivityAt;

	protected Lead() {
	}

	/**
	 * A new lead of {@code owner} (null: nobody's yet, for an admin to route).
	 * @throws RuleViolationException see {@link #validate}
	 */
	Lead(LeadCommand cmd, Long owner) {
		validate(cmd);
		apply(cmd, owner);
	}

	/**
	 * Changes the editable fields; a converted lead is read-only.
	 * @return whether any field differs from before
	 * @throws RuleViolationException {@code lead.converted.readOnly}, or see
	 * {@link #validate}
	 */
	boolean edit(LeadCommand cmd, Long owner) {
		if (status == LeadStatus.CONVERTED) {
			throw new RuleViolationException("lead.converted.readOnly", "A converted lead can’t be changed.");
		}
		validate(cmd);
		List<Object> before = editable();
		apply(cmd, owner);
		return !before.equals(editable());
	}

	/**
	 * Moves the lead along its status flow ({@link LeadStatus#next()}); disqualifying
	 * needs a reason. Conversion has its own action.
	 * @throws RuleViolationException {@code lead.status.convertAction},
	 * {@code lead.status.notAllowed}, {@code lead.disqualify.reason},
	 * {@code lead.disqualify.reasonLength}
	 */
	void changeStatus(LeadStatus to, String reason, Instant now) {
		if (to == LeadStatus.CONVERTED) {
			throw new RuleViolationException("lead.status.convertAction", "Use “Convert” to convert a lead.");
		}
		if (!status.next().contains(to)) {
			throw new RuleViolationException("lead.status.notAllowed", "A {0} lead can’t move to {1}.", status, to);
		}
		String why = trimmed(reason);
		if (to == LeadStatus.DISQUALIFIED && why == null) {
			throw new RuleViolationException("lead.disqualify.reason", "Say why the lead is disqualified.");
		}
		if (why != null && why.length() > 200) {
			throw new RuleViolationException("lead.disqualify.reasonLength", "Keep the reason under 200 characters.");
		}
		this.status = to;
		this.disqualifiedReason = to == LeadStatus.DISQUALIFIED ? why : null;
		this.lastActivityAt = now;
	}

	/** Someone worked on the lead (a call, a note…): a new lead is now being worked. */
	void touch(Instant now) {
		if (status == LeadStatus.NEW) {
			status = LeadStatus.WORKING;
		}
		this.lastActivityAt = now;
	}

	/**
	 * The same person was captured again: fills what the lead lacks (a campaign is
	 * replaced by the newer one) and notes the touch.
	 */
	void recapture(LeadCommand cmd, Instant now) {
		firstName = firstName != null ? firstName : trimmed(cmd.firstName());
		phone = phone != null ? phone : trimmed(cmd.phone());
		company = company != null ? company : trimmed(cmd.company());
		title = title != null ? title : trimmed(cmd.title());
		industry = industry != null ? industry : trimmed(cmd.industry());
		country = country != null ? country : trimmed(cmd.country());
		companySize = companySize != null ? companySize : cmd.companySize();
		campaignId = cmd.campaignId() != null ? cmd.campaignId() : campaignId;
		lastActivityAt = now;
	}

	/**
	 * A merge gives the survivor another lead's status as it stands (that lead went
	 * through the flow to get there), with its reason; a converted lead is never merged.
	 * @throws RuleViolationException {@code merge.lead.converted}
	 */
	void takeStatus(LeadStatus to, String reason) {
		if (status == LeadStatus.CONVERTED || to == LeadStatus.CONVERTED) {
			throw new RuleViolationException("merge.lead.converted",
					"{0} is converted: merge the person it became instead.", fullName());
		}
		this.status = to;
		this.disqualifiedReason = to == LeadStatus.DISQUALIFIED ? trimmed(reason) : null;
	}

	/**
	 * Checks the lead may be converted: only a qualified lead is, and only once.
	 * @throws RuleViolationException {@code lead.convert.already},
	 * {@code lead.convert.disqualified}, {@code lead.convert.notQualified}
	 */
	void requireConvertible() {
		switch (status) {
			case CONVERTED ->
				throw new RuleViolationException("lead.convert.already", "This lead is already converted.");
			case DISQUALIFIED -> throw new RuleViolationException("lead.convert.disqualified",
					"A disqualified lead can’t be converted; reopen and qualify it first.");
			case NEW, WORKING ->
				throw new RuleViolationException("lead.convert.notQualified", "Qualify the lead before converting it.");
			case QUALIFIED -> {
			}
		}
	}

	/**
	 * Records what the lead became; it is read-only from now on.
	 * @throws RuleViolationException see {@link #requireConvertible()}
	 */
	void markConverted(long accountId, long contactId, Long opportunityId, Instant now) {
		requireConvertible();
		this.status = LeadStatus.CONVERTED;
		this.convertedAccountId = accountId;
		this.convertedContactId = contactId;
		this.convertedOpportunityId = opportunityId;
		this.convertedAt = now;
	}

	/**
	 * The rules of a lead's fields.
	 * @throws RuleViolationException {@code lead.lastName.required},
	 * {@code lead.source.required}, {@code email.invalid},
	 * {@code lead.companySize.negative}
	 */
	static void validate(LeadCommand cmd) {
		if (trimmed(cmd.lastName()) == null || cmd.lastName().trim().length() > 100) {
			throw new RuleViolationException("lead.lastName.required",
					"A lead needs a last name (at most 100 characters).");
		}
		if (trimmed(cmd.source()) == null || cmd.source().trim().length() > 50) {
			throw new RuleViolationException("lead.source.required",
					"Say where the lead came from (at most 50 characters).");
		}
		// The application's one e-mail rule (email.invalid on field "email").
		EmailAddress.ofNullable(cmd.email());
		if (cmd.companySize() != null && cmd.companySize() < 0) {
			throw new RuleViolationException("lead.companySize.negative", "Company size can’t be negative.");
		}
	}

	private void apply(LeadCommand cmd, Long owner) {
		this.externalId = ExternalId.after(externalId, cmd.externalId());
		this.firstName = trimmed(cmd.firstName());
		this.lastName = cmd.lastName().trim();
		this.email = EmailAddress.normalise(cmd.email());
		this.phone = trimmed(cmd.phone());
		this.company = trimmed(cmd.company());
		this.title = trimmed(cmd.title());
		this.industry = trimmed(cmd.industry());
		this.country = trimmed(cmd.country());
		this.companySize = cmd.companySize();
		this.source = cmd.source().trim();
		this.sourceDetail = trimmed(cmd.sourceDetail());
		this.campaignId = cmd.campaignId();
		this.ownerId = owner;
	}

	private List<Object> editable() {
		return Arrays.asList(firstName, lastName, email, phone, company, title, industry, country, companySize, source,
				sourceDetail, campaignId, ownerId, externalId);
	}

	/** What the audit trail compares of an edit. */
	Map<String, String> snapshot() {
		Map<String, String> m = new LinkedHashMap<>();
		m.put("name", fullName());
		m.put("email", email);
		m.put("phone", phone);
		m.put("company", company);
		m.put("title", title);
		m.put("industry", industry);
		m.put("country", country);
		m.put("companySize", companySize == null ? null : companySize.toString());
		m.put("source", source);
		m.put("owner", String.valueOf(ownerId));
		m.put("externalId", externalId);
		return m;
	}

	/** The fields workflow rules see: the field history's, and the status. */
	Map<String, String> workflowFields() {
		Map<String, String> m = snapshot();
		m.put("owner", ownerId == null ? null : ownerId.toString());
		m.put("status", status.name());
		m.put("score", Integer.toString(score));
		return m;
	}

	/**
	 * A workflow rule sets one field (company, job title, industry, country, source),
	 * checked as the form's rules check it.
	 * @throws RuleViolationException when the lead is converted or the value breaks the
	 * field's rule
	 */
	void setByRule(String field, String value) {
		if (status == LeadStatus.CONVERTED) {
			throw new RuleViolationException("lead.converted.readOnly", "A converted lead can’t be changed.");
		}
		String v = trimmed(value);
		switch (field) {
			case "company" -> this.company = limited(v, 200, field);
			case "title" -> this.title = limited(v, 150, field);
			case "industry" -> this.industry = limited(v, 100, field);
			case "country" -> this.country = limited(v, 100, field);
			case "source" -> {
				if (v == null || v.length() > 50) {
					throw new RuleViolationException("lead.source.required",
							"Say where the lead came from (at most 50 characters).");
				}
				this.source = v;
			}
			default -> throw new RuleViolationException("workflow.field.notSettable",
					"A rule can't set the field \"{0}\".", field);
		}
	}

	private static String limited(String value, int max, String field) {
		if (value != null && value.length() > max) {
			throw new RuleViolationException("workflow.value.tooLong",
					"\"{0}\" is too long for the field \"{1}\" (at most {2} characters).", value, field, max);
		}
		return value;
	}

	/** Gives the lead to another owner (the owner rule checked by the caller). */
	void giveTo(long ownerId) {
		if (status == LeadStatus.CONVERTED) {
			throw new RuleViolationException("lead.converted.readOnly", "A converted lead can’t be changed.");
		}
		this.ownerId = ownerId;
	}

	String fullName() {
		return firstName == null || firstName.isBlank() ? lastName : firstName + " " + lastName;
	}

	String firstName() {
		return firstName;
	}

	String lastName() {
		return lastName;
	}

	String email() {
		return email;
	}

	String phone() {
		return phone;
	}

	String company() {
		return company;
	}

	String title() {
		return title;
	}

	String industry() {
		return industry;
	}

	String country() {
		return country;
	}

	Integer companySize() {
		return companySize;
	}

	String source() {
		return source;
	}

	String sourceDetail() {
		return sourceDetail;
	}

	Long campaignId() {
		return campaignId;
	}

	LeadStatus status() {
		return status;
	}

	int score() {
		return score;
	}

	boolean mql() {
		return mql;
	}

	/**
	 * First and last name, and the company in brackets: how a notification names the
	 * lead.
	 */
	String label() {
		String name = ((firstName == null ? "" : firstName + " ") + lastName).strip();
		return company == null ? name : name + " (" + company + ")";
	}

	Long ownerId() {
		return ownerId;
	}

	static String trimmed(String s) {
		return s == null || s.isBlank() ? null : s.trim();
	}

}
