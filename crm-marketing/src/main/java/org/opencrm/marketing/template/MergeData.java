package org.opencrm.marketing.template;

/** The values a template's merge fields are filled with for one recipient. */
public record MergeData(String firstName, String lastName, String email, String accountName, String ownerFullName,
		String ownerEmail, String unsubscribeUrl) {

	/**
	 * No signature column exists on users: the owner's name and address sign the mail.
	 */
	public String ownerSignature() {
		if (ownerFullName == null) {
			return "";
		}
		return ownerEmail == null ? ownerFullName : ownerFullName + "\n" + ownerEmail;
	}
}
