package org.opencrm.marketing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Marketing mail settings ({@code crm.marketing.*}). Links in marketing mail start with
 * core's {@code crm.base-url}.
 *
 * @param from Sender address of campaign, sequence and template test mails.
 * @param replyTo Reply-To address of campaign and sequence mails, so answers reach the
 * support mailbox and end sequences. Blank: no Reply-To header. The app sets it to
 * crm.mail.inbound.address.
 * @param send How the outbox is drained.
 */
@ConfigurationProperties("crm.marketing")
public record MarketingSettings(@DefaultValue("marketing@opencrm.local") String from, String replyTo,
		@DefaultValue Send send) {

	/**
	 * @param threads Worker threads per node that send from the outbox (at least 1).
	 * @param batchSize Outbox rows one worker claims at a time.
	 * @param maxAttempts Attempts per mail before it is marked FAILED (5xx answers fail
	 * at once).
	 * @param lease How long a claimed batch stays a worker's before another node may take
	 * it back (ISO-8601 or e.g. 5m).
	 * @param backoff Wait before the first retry of a failed send, doubled per further
	 * attempt (ISO-8601 or e.g. 30s).
	 */
	public record Send(@DefaultValue("2") int threads, @DefaultValue("100") int batchSize,
			@DefaultValue("5") int maxAttempts, @DefaultValue("PT5M") Duration lease,
			@DefaultValue("PT30S") Duration backoff) {
	}

	/** The Reply-To address, or null for none. */
	public String replyToOrNull() {
		return replyTo == null || replyTo.isBlank() ? null : replyTo.strip();
	}
}
