package org.opencrm.service.ticket;

import java.time.Instant;
import java.util.List;

/**
 * Everything the ticket page shows: the ticket, its customer, SLA times and the
 * conversation.
 */
public record TicketDetails(long id, String number, String subject, String description, TicketType type,
		TicketPriority priority, TicketStatus status, TicketChannel channel, Long contactId, String contactName,
		String contactFirstName, String contactEmail, Long accountId, String accountName, Long assigneeId,
		String assigneeName, Long queueId, String queueName, List<String> tags, String orderReference,
		String productReference, ReturnStatus returnStatus, Long mergedIntoId, String mergedIntoNumber,
		String slaPolicyName, Instant openedAt, Instant firstResponseWarnAt, Instant firstResponseDueAt,
		Instant firstRespondedAt, Instant resolutionWarnAt, Instant resolutionDueAt, Instant resolvedAt,
		Instant closedAt, Instant slaPausedAt, long version, Instant createdAt, Instant updatedAt,
		List<TicketMessageView> conversation) {

	public SlaState firstResponseState(Instant now) {
		return SlaState.of(firstResponseDueAt, firstResponseWarnAt, firstRespondedAt, slaPausedAt != null, now);
	}

	public SlaState resolutionState(Instant now) {
		return SlaState.of(resolutionDueAt, resolutionWarnAt, resolvedAt, slaPausedAt != null, now);
	}

	public List<TicketStatus> nextStatuses() {
		return List.copyOf(status.next());
	}

	public boolean isReturn() {
		return type == TicketType.PRODUCT_RETURN;
	}
}
