package org.opencrm.sales.lead;

/**
 * The editable fields of a lead; {@code version} is the one the user edited (0 on
 * create). A null owner on create lets the assignment rules pick one. {@code externalId}:
 * null keeps it (see {@link org.opencrm.core.shared.ExternalId}).
 */
public record LeadCommand(String firstName, String lastName, String email, String phone, String company, String title,
		String industry, String country, Integer companySize, String source, String sourceDetail, Long campaignId,
		Long ownerId, String externalId, long version) {

	/** The fields a form edits: the external id stays as it is. */
	public LeadCommand(String firstName, String lastName, String email, String phone, String company, String title,
			String industry, String country, Integer companySize, String source, String sourceDetail, Long campaignId,
			Long ownerId, long version) {
		this(firstName, lastName, email, phone, company, title, industry, country, companySize, source, sourceDetail,
				campaignId, ownerId, null, version);
	}
}
