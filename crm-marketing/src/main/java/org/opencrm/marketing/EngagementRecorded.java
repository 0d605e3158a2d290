package org.opencrm.marketing;

import java.time.Instant;

/**
 * A contact (or, for a form, an e-mail address) engaged with marketing: opened or clicked
 * a campaign e-mail, replied to one, submitted a form, unsubscribed. Published inside the
 * marketing module; scoring, sequences and reports listen.
 *
 * @param contactId the contact, when known (form submissions from strangers have none)
 * @param email the address, lower case, when known
 * @param campaignId the campaign it belongs to, if any
 */
public record EngagementRecorded(Long contactId, String email, Type type, Long campaignId, Instant at) {

	public enum Type {

		SENT, OPENED, CLICKED, REPLIED, FORM_SUBMITTED, UNSUBSCRIBED, BOUNCED

	}
}
