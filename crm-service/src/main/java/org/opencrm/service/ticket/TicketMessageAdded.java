package org.opencrm.service.ticket;

/**
 * A message was added to a ticket's conversation. Published inside the adding transaction
 * (listen with a plain {@code @EventListener} to act atomically with it, e.g. queue the
 * reply's e-mail).
 */
public record TicketMessageAdded(long ticketId, long messageId, ReplyAuthor.Kind authorKind, boolean internal) {
}
