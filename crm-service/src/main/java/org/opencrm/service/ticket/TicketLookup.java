package org.opencrm.service.ticket;

import static org.opencrm.core.shared.Rows.instantOrNull;
import static org.opencrm.core.shared.Rows.longOrNull;
import static org.opencrm.core.shared.Rows.textArray;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.Rows;
import org.opencrm.core.timeline.TimelineText;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads one ticket: by number or by a message's external reference, with its customer,
 * SLA times and whole conversation, and its attachments.
 */
@Service
public class TicketLookup {

	private final JdbcClient jdbc;

	private final MessageSource messages;

	TicketLookup(JdbcClient jdbc, MessageSource messages) {
		this.jdbc = jdbc;
		this.messages = messages;
	}

	@Transactional(readOnly = true)
	public Optional<Long> idByNumber(String number) {
		if (number == null || number.isBlank()) {
			return Optional.empty();
		}
		return jdbc.sql("select id from tickets where number = ?")
			.param(number.strip().toUpperCase())
			.query(Long.class)
			.optional();
	}

	/**
	 * The ticket's number and subject ({@code T-000349 Printer jams}), when it exists:
	 * how a form that refers to it names it.
	 */
	@Transactional(readOnly = true)
	public Optional<String> number(long ticketId) {
		return jdbc.sql("select number || ' ' || subject from tickets where id = ?")
			.param(ticketId)
			.query(String.class)
			.optional();
	}

	/**
	 * The ticket a message with this external reference (e.g. an e-mail Message-ID)
	 * belongs to.
	 */
	@Transactional(readOnly = true)
	public Optional<Long> idByMessageRef(String externalRef) {
		if (externalRef == null || externalRef.isBlank()) {
			return Optional.empty();
		}
		return jdbc.sql("select ticket_id from ticket_messages where external_ref = ? order by id limit 1")
			.param(externalRef.strip())
			.query(Long.class)
			.optional();
	}

	/**
	 * Whether {@code email} belongs to someone taking part in the ticket: its customer, a
	 * person who wrote on it before (a public message), its assignee or an agent who
	 * wrote on it. Only they may thread a mail onto it by its number alone.
	 */
	@Transactional(readOnly = true)
	public boolean isParticipant(long ticketId, String email) {
		if (email == null || email.isBlank()) {
			return false;
		}
		return jdbc.sql("""
				select exists (
				  select 1 from tickets t join contacts c on c.id = t.contact_id
				  where t.id = :t and lower(c.email) = lower(:e)
				  union all
				  select 1 from ticket_messages m join contacts c on c.id = m.author_contact_id
				  where m.ticket_id = :t and not m.internal and lower(c.email) = lower(:e)
				  union all
				  select 1 from tickets t join users u on u.id = t.assignee_id
				  where t.id = :t and lower(u.email) = lower(:e)
				  union all
				  select 1 from ticket_messages m join users u on u.id = m.author_id
				  where m.ticket_id = :t and m.author_kind = 'AGENT' and lower(u.email) = lower(:e)
				)
				""").param("t", ticketId).param("e", email.strip()).query(Boolean.class).single();
	}

	/**
	 * The ticket with its customer, SLA times and whole conversation, in three
	 * statements.
	 */
	@Transactional(readOnly = true)
	public TicketDetails details(long ticketId) {
		Map<Long, List<AttachmentInfo>> files = new LinkedHashMap<>();
		jdbc.sql("""
				select id, message_id, filename, content_type, size_bytes from ticket_attachments
				where ticket_id = ? order by id
				""")
			.param(ticketId)
			.query(Rows.of(AttachmentInfo.class))
			.list()
			.forEach(a -> files.computeIfAbsent(a.messageId(), k -> new ArrayList<>()).add(a));
		RowMapper<TicketMessageView> messageMapper = (rs, n) -> new TicketMessageView(rs.getLong("id"),
				ReplyAuthor.Kind.valueOf(rs.getString("author_kind")), longOrNull(rs, "author_id"),
				longOrNull(rs, "author_contact_id"), rs.getString("author_name"),
				// The application's notes are keys, shown in the reader's language.
				TimelineText.stored(rs.getString("body_key"), rs.getString("body_args"), rs.getString("body"))
					.render(messages, LocaleContextHolder.getLocale()),
				rs.getBoolean("internal"), rs.getString("external_ref"), instantOrNull(rs, "created_at"),
				files.getOrDefault(rs.getLong("id"), List.of()));
		List<TicketMessageView> conversation = jdbc.sql("""
				select m.*, coalesce(u.full_name, c.first_name || ' ' || c.last_name) as author_name
				from ticket_messages m
				left join users u on u.id = m.author_id
				left join contacts c on c.id = m.author_contact_id
				where m.ticket_id = ? order by m.created_at, m.id
				""").param(ticketId).query(messageMapper).list();
		return jdbc.sql("""
				select t.*, c.first_name || ' ' || c.last_name as contact_name, c.first_name as contact_first_name,
				       c.email as contact_email, a.name as account_name, u.full_name as assignee_name,
				       q.name as queue_name, m.number as merged_into_number, p.name as sla_policy_name
				from tickets t
				left join contacts c on c.id = t.contact_id
				left join accounts a on a.id = t.account_id
				left join users u on u.id = t.assignee_id
				left join service_queues q on q.id = t.queue_id
				left join tickets m on m.id = t.merged_into_id
				left join sla_policies p on p.id = t.sla_policy_id
				where t.id = ?
				""")
			.param(ticketId)
			.query((rs, n) -> new TicketDetails(rs.getLong("id"), rs.getString("number"), rs.getString("subject"),
					rs.getString("description"), TicketType.valueOf(rs.getString("type")),
					TicketPriority.valueOf(rs.getString("priority")), TicketStatus.valueOf(rs.getString("status")),
					TicketChannel.valueOf(rs.getString("channel")), longOrNull(rs, "contact_id"),
					rs.getString("contact_name"), rs.getString("contact_first_name"), rs.getString("contact_email"),
					longOrNull(rs, "account_id"), rs.getString("account_name"), longOrNull(rs, "assignee_id"),
					rs.getString("assignee_name"), longOrNull(rs, "queue_id"), rs.getString("queue_name"),
					textArray(rs, "tags"), rs.getString("order_reference"), rs.getString("product_reference"),
					rs.getString("return_status") == null ? null : ReturnStatus.valueOf(rs.getString("return_status")),
					longOrNull(rs, "merged_into_id"), rs.getString("merged_into_number"),
					rs.getString("sla_policy_name"), instantOrNull(rs, "opened_at"),
					instantOrNull(rs, "first_response_warn_at"), instantOrNull(rs, "first_response_due_at"),
					instantOrNull(rs, "first_responded_at"), instantOrNull(rs, "resolution_warn_at"),
					instantOrNull(rs, "resolution_due_at"), instantOrNull(rs, "resolved_at"),
					instantOrNull(rs, "closed_at"), instantOrNull(rs, "sla_paused_at"), rs.getLong("version"),
					instantOrNull(rs, "created_at"), instantOrNull(rs, "updated_at"), conversation))
			.optional()
			.orElseThrow(() -> new NotFoundException("Ticket", ticketId));
	}

	@Transactional(readOnly = true)
	public AttachmentContent attachment(long ticketId, long attachmentId) {
		return jdbc.sql("select filename, content_type, data from ticket_attachments where id = ? and ticket_id = ?")
			.params(attachmentId, ticketId)
			.query((rs, n) -> new AttachmentContent(rs.getString("filename"), rs.getString("content_type"),
					rs.getBytes("data")))
			.optional()
			.orElseThrow(() -> new NotFoundException("Attachment", attachmentId));
	}

}
