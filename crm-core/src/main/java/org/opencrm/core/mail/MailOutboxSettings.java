package org.opencrm.core.mail;

import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the mail outbox is sent ({@code crm.mail.outbox.*}).
 *
 * @param schedulerEnabled Whether each node sends the outbox in the background (tests
 * drive {@link MailWorker} themselves).
 * @param interval Pause between two background runs.
 * @param batchSize Rows one worker claims at a time.
 * @param maxAttempts Attempts before a mail the server keeps refusing (4xx) or that can't
 * be delivered to the server is FAILED.
 * @param lease How long a claimed row stays a worker's; after that a row that never
 * reached SMTP goes back to the queue and one that did is UNKNOWN.
 * @param backoff Wait before the first retry; doubled for every further attempt.
 * @param locale Language of system mails to a user without one, and of mails to
 * customers.
 */
@ConfigurationProperties("crm.mail.outbox")
public record MailOutboxSettings(@DefaultValue("true") boolean schedulerEnabled,
		@DefaultValue("PT5S") Duration interval, @DefaultValue("100") int batchSize, @DefaultValue("8") int maxAttempts,
		@DefaultValue("PT5M") Duration lease, @DefaultValue("PT1M") Duration backoff,
		@DefaultValue("en") Locale locale) {

	public MailOutboxSettings {
		batchSize = Math.max(1, batchSize);
		maxAttempts = Math.max(1, maxAttempts);
		locale = locale == null ? Locale.ENGLISH : locale;
	}

}
