package org.opencrm.core.event;

import java.time.Instant;
import java.util.List;

/**
 * A person wrote to us: an inbound e-mail (not an auto-reply, bounce or bulk mail) was
 * accepted by the service module's mailbox. Marketing matches
 * {@code inReplyTo}/{@code references} against the Message-IDs it sent to notice replies
 * to its campaigns and sequences.
 */
public record InboundEmailReceived(String fromAddress, String messageId, String inReplyTo, List<String> references,
		String subject, Instant receivedAt) {

	public InboundEmailReceived {
		references = references == null ? List.of() : List.copyOf(references);
	}
}
