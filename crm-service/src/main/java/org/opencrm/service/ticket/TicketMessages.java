package org.opencrm.service.ticket;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.opencrm.core.timeline.TimelineText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes a ticket's conversation: one message with its attachments. Package-private;
 * opening, replying and merging go through it.
 */
@Component
class TicketMessages {

	private final JdbcClient jdbc;

	TicketMessages(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long insert(long ticketId, ReplyAuthor author, String body, boolean internal, String externalRef,
			List<NewAttachment> attachments, Instant at) {
		long id = jdbc.sql("""
				insert into ticket_messages (ticket_id, author_kind, author_id, author_contact_id, body, internal,
				                             external_ref, created_at)
				values (?, ?, ?, ?, ?, ?, ?, ?) returning id
				""")
			.params(ticketId, author.kind().name(), author.userId(), author.contactId(), body, internal, externalRef,
					Timestamp.from(at))
			.query(Long.class)
			.single();
		for (NewAttachment a : attachments) {
			jdbc.sql("""
					insert into ticket_attachments (message_id, ticket_id, filename, content_type, size_bytes, data)
					values (?, ?, ?, ?, ?, ?)
					""")
				.params(id, ticketId, TicketLifecycle.truncate(a.filename(), 255),
						TicketLifecycle.truncate(a.contentType(), 150), a.data().length, a.data())
				.update();
		}
		return id;
	}

	/**
	 * An internal note the application writes: a message key and its arguments, rendered
	 * in the reader's language by {@link TicketLookup} (the body stays empty).
	 */
	long insertNote(long ticketId, ReplyAuthor author, TimelineText note, Instant at) {
		if (note == null || !note.isMessage()) {
			throw new IllegalArgumentException("An application's note is a message key");
		}
		return jdbc.sql("""
				insert into ticket_messages (ticket_id, author_kind, author_id, author_contact_id, body, body_key,
				                             body_args, internal, created_at)
				values (?, ?, ?, ?, '', ?, cast(? as jsonb), true, ?) returning id
				""")
			.params(ticketId, author.kind().name(), author.userId(), author.contactId(), note.key(), note.argsJson(),
					Timestamp.from(at))
			.query(Long.class)
			.single();
	}

}
