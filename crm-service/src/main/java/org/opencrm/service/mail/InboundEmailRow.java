package org.opencrm.service.mail;

import java.time.Instant;

/** One stored inbound e-mail as the admin page lists it (without the raw bytes). */
public record InboundEmailRow(long id, String messageId, String fromAddress, String subject, long sizeBytes,
		InboundStatus status, String reason, Long ticketId, String ticketNumber, int attempts, Instant receivedAt,
		Instant processedAt) {

	public boolean retryable() {
		return status == InboundStatus.FAILED;
	}
}
