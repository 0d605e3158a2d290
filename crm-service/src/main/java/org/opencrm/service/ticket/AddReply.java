package org.opencrm.service.ticket;

import java.util.List;

/**
 * A message to add to a ticket's conversation: a public reply (seen by the customer) or
 * an internal note ({@code internal} true, agents only). {@code externalRef} keeps e.g.
 * the e-mail Message-ID it came in or went out with, for threading.
 */
public record AddReply(ReplyAuthor author, String body, boolean internal, List<NewAttachment> attachments,
		String externalRef) {

	public AddReply {
		attachments = attachments == null ? List.of() : List.copyOf(attachments);
	}

	public static AddReply publicReply(ReplyAuthor author, String body) {
		return new AddReply(author, body, false, List.of(), null);
	}

	public static AddReply internalNote(long agentId, String body) {
		return new AddReply(ReplyAuthor.agent(agentId), body, true, List.of(), null);
	}
}
