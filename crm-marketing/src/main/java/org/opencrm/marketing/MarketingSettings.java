package org.opencrm.marketing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Marketing mail settings ({@code crm.marketing.*}). Links in marketing mail start with
 * core's {@code crm.base-url}; how campaign and sequence mails are sent (workers,
 * batches, retries, timeouts) is core's one outbox's {@code crm.mail.outbox.*}.
 *
 * @param from Sender address of campaign, sequence and template test mails.
 * @param replyTo Reply-To address of campaign and sequence mails, so answers reach the
 * support mailbox and end sequences. Blank: no Reply-To header. The app sets it to
 * crm.mail.inbound.address.
 */
@ConfigurationProperties("crm.marketing")
public record MarketingSettings(@DefaultValue("marketing@opencrm.local") String from, String replyTo) {

	/** The Reply-To address, or null for none. */
	public String replyToOrNull() {
		return replyTo == null || replyTo.isBlank() ? null : replyTo.strip();
	}
}
