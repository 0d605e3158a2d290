package org.opencrm.web.service.api;

import java.time.Instant;
import java.util.List;
import org.opencrm.service.ticket.SlaState;
import org.opencrm.service.ticket.TicketDetails;
import org.opencrm.service.ticket.TicketMessageView;
import org.opencrm.service.ticket.TicketRow;

/** The API's ticket shapes. */
final class TicketJson {

	private TicketJson() {
	}

	record Ticket(long id, String number, String subject, String description, String type, String priority,
			String status, String channel, Long contactId, String contactName, String contactEmail, Long accountId,
			String accountName, Long assigneeId, String assigneeName, Long queueId, String queueName, List<String> tags,
			String orderReference, String productReference, String returnStatus, Long mergedIntoId, Sla sla,
			long version, Instant createdAt, List<Message> conversation) {

		static Ticket of(TicketDetails t, Instant now) {
			return new Ticket(t.id(), t.number(), t.subject(), t.description(), t.type().name(), t.priority().name(),
					t.status().name(), t.channel().name(), t.contactId(), t.contactName(), t.contactEmail(),
					t.accountId(), t.accountName(), t.assigneeId(), t.assigneeName(), t.queueId(), t.queueName(),
					t.tags(), t.orderReference(), t.productReference(),
					t.returnStatus() == null ? null : t.returnStatus().name(), t.mergedIntoId(),
					new Sla(t.slaPolicyName(), t.firstResponseDueAt(), t.firstRespondedAt(), t.firstResponseState(now),
							t.resolutionDueAt(), t.resolvedAt(), t.resolutionState(now)),
					t.version(), t.openedAt(), t.conversation().stream().map(Message::of).toList());
		}
	}

	record Sla(String policy, Instant firstResponseDueAt, Instant firstRespondedAt, SlaState firstResponse,
			Instant resolutionDueAt, Instant resolvedAt, SlaState resolution) {
	}

	record Message(long id, String authorKind, Long authorId, Long authorContactId, String authorName, String body,
			boolean internal, Instant createdAt, List<Attachment> attachments) {

		static Message of(TicketMessageView m) {
			return new Message(m.id(), m.authorKind().name(), m.authorId(), m.authorContactId(), m.authorName(),
					m.body(), m.internal(), m.createdAt(),
					m.attachments()
						.stream()
						.map(a -> new Attachment(a.id(), a.filename(), a.contentType(), a.sizeBytes()))
						.toList());
		}
	}

	record Attachment(long id, String filename, String contentType, long sizeBytes) {
	}

	record Summary(long id, String number, String subject, String status, String priority, String type, String channel,
			Long contactId, String contactName, Long accountId, String accountName, Long queueId, String queueName,
			Long assigneeId, String assigneeName, List<String> tags, Instant resolutionDueAt, Instant createdAt,
			long version) {

		static Summary of(TicketRow r) {
			return new Summary(r.id(), r.number(), r.subject(), r.status().name(), r.priority().name(), r.type().name(),
					r.channel().name(), r.contactId(), r.contactName(), r.accountId(), r.accountName(), r.queueId(),
					r.queueName(), r.assigneeId(), r.assigneeName(), r.tags(), r.resolutionDueAt(), r.createdAt(),
					r.version());
		}
	}

}
