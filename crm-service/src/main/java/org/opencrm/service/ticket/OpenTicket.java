package org.opencrm.service.ticket;

import java.util.List;

/**
 * A new ticket. The customer is {@code contactId}, or else found (or created) from
 * {@code senderEmail} / {@code senderName}; {@code accountId} defaults to the contact's
 * account. Queue and assignee left null are decided by the routing rules; type and
 * priority default to INFORMATION_REQUEST and NORMAL. The description becomes the
 * conversation's first message (from the customer), with {@code attachments} and
 * {@code externalRef} (e.g. an e-mail's Message-ID).
 */
public record OpenTicket(TicketChannel channel, Long contactId, Long accountId, String senderEmail, String senderName,
		String subject, String description, TicketType type, TicketPriority priority, Long queueId, Long assigneeId,
		List<String> tags, String orderReference, String productReference, List<NewAttachment> attachments,
		String externalRef) {

	public OpenTicket {
		tags = tags == null ? List.of() : List.copyOf(tags);
		attachments = attachments == null ? List.of() : List.copyOf(attachments);
	}

	/** The common case: a customer known by e-mail writes in. */
	public static OpenTicket fromEmail(TicketChannel channel, String senderEmail, String senderName, String subject,
			String description) {
		return new OpenTicket(channel, null, null, senderEmail, senderName, subject, description, null, null, null,
				null, List.of(), null, null, List.of(), null);
	}
}
