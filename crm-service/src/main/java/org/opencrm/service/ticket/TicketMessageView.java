package org.opencrm.service.ticket;

import java.time.Instant;
import java.util.List;

/**
 * One message of a conversation with its author's name and its attachments (without
 * content).
 */
public record TicketMessageView(long id, ReplyAuthor.Kind authorKind, Long authorId, Long authorContactId,
		String authorName, String body, boolean internal, String externalRef, Instant createdAt,
		List<AttachmentInfo> attachments) {
}
