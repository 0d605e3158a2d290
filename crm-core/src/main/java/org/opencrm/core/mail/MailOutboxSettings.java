package org.opencrm.core.mail;

import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the mail outbox is sent ({@code crm.mail.outbox.*}).
 *
 * @param schedulerEnabled Whether each node sends the outbox in the background (tests
 * drive {@link MailWorker} themselves).
 * @param interval Pause between two background runs; expired leases are recovered at
 * least this often, also while a node is busy sending.
 * @param batchSize Rows one worker claims at a time (one SMTP connection per batch).
 * @param maxAttempts Attempts before a mail the server keeps refusing (4xx) is FAILED. A
 * server that can't be reached does not use up attempts: sending pauses instead.
 * @param lease How long a claimed row stays a worker's; after that a row that never
 * reached SMTP goes back to the queue and one that did is UNKNOWN.
 * @param backoff Wait before the first retry of a refused mail; doubled for every further
 * attempt.
 * @param locale Language of system mails to a user without one, and of mails to customers
 * who have none (no portal setting, no {@code preferred_locale} on their contact).
 * @param threads Workers per node sending at the same time (each with its own SMTP
 * connection).
 * @param connectTimeout How long to wait for the SMTP server to accept a connection.
 * @param readTimeout How long to wait for any SMTP reply. A reply to the end of a message
 * that doesn't come within it leaves the mail in doubt (UNKNOWN), so don't set it shorter
 * than the server needs to accept a message.
 * @param writeTimeout How long writing to the SMTP server may block.
 * @param pause How long a node stops claiming mail after the server could not be reached;
 * doubled for every further failure in a row.
 * @param maxPause Longest pause between two tries to reach the server during an outage.
 */
@ConfigurationProperties("crm.mail.outbox")
public record MailOutboxSettings(@DefaultValue("true") boolean schedulerEnabled,
		@DefaultValue("PT5S") Duration interval, @DefaultValue("100") int batchSize, @DefaultValue("8") int maxAttempts,
		@DefaultValue("PT5M") Duration lease, @DefaultValue("PT1M") Duration backoff, @DefaultValue("en") Locale locale,
		@DefaultValue("2") int threads, @DefaultValue("PT10S") Duration connectTimeout,
		@DefaultValue("PT60S") Duration readTimeout, @DefaultValue("PT60S") Duration writeTimeout,
		@DefaultValue("PT5S") Duration pause, @DefaultValue("PT5M") Duration maxPause) {

	@ConstructorBinding
	public MailOutboxSettings {
		batchSize = Math.max(1, batchSize);
		maxAttempts = Math.max(1, maxAttempts);
		locale = locale == null ? Locale.ENGLISH : locale;
		threads = Math.max(1, threads);
		interval = interval == null ? Duration.ofSeconds(5) : interval;
		lease = lease == null ? Duration.ofMinutes(5) : lease;
		backoff = backoff == null ? Duration.ofMinutes(1) : backoff;
		connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
		readTimeout = readTimeout == null ? Duration.ofSeconds(60) : readTimeout;
		writeTimeout = writeTimeout == null ? Duration.ofSeconds(60) : writeTimeout;
		pause = pause == null ? Duration.ofSeconds(5) : pause;
		maxPause = maxPause == null ? Duration.ofMinutes(5) : maxPause;
	}

	/** The defaults for what isn't given (tests that build a worker by hand). */
	public MailOutboxSettings(boolean schedulerEnabled, Duration interval, int batchSize, int maxAttempts,
			Duration lease, Duration backoff, Locale locale) {
		this(schedulerEnabled, interval, batchSize, maxAttempts, lease, backoff, locale, 2, null, null, null, null,
				null);
	}

	/** Java Mail's timeouts for a connection, in milliseconds, by property suffix. */
	java.util.Map<String, String> timeouts() {
		return java.util.Map.of("connectiontimeout", String.valueOf(connectTimeout.toMillis()), "timeout",
				String.valueOf(readTimeout.toMillis()), "writetimeout", String.valueOf(writeTimeout.toMillis()));
	}

}
