package org.opencrm.service.ticket;

/**
 * Who wrote a message: an agent (a user), the customer (a contact) or the system (merges,
 * escalations). Build it with the factories.
 */
public record ReplyAuthor(Kind kind, Long userId, Long contactId) {

	public enum Kind {

		AGENT, CUSTOMER, SYSTEM

	}

	public static ReplyAuthor agent(long userId) {
		return new ReplyAuthor(Kind.AGENT, userId, null);
	}

	/** The customer; contactId may be null when the ticket's own contact is meant. */
	public static ReplyAuthor customer(Long contactId) {
		return new ReplyAuthor(Kind.CUSTOMER, null, contactId);
	}

	public static ReplyAuthor system() {
		return new ReplyAuthor(Kind.SYSTEM, null, null);
	}
}
