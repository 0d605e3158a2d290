package org.opencrm.service.canned;

import java.util.List;
import java.util.Map;
import org.opencrm.core.mail.MergeFields;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.Rows;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.StaleEditException;
import org.opencrm.service.ticket.TicketDetails;
import org.opencrm.service.ticket.TicketLookup;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Canned replies, managed by agents and admins, and their merge fields filled for one
 * ticket: {@code {{contact.firstName}}}, {@code {{contact.name}}},
 * {@code {{account.name}}}, {@code {{ticket.number}}}, {@code {{ticket.subject}}},
 * {@code {{agent.fullName}}} (core's {@link MergeFields}). Unknown fields stay as typed,
 * so a typo shows instead of vanishing.
 */
@Service
public class CannedReplies {

	public static final List<String> MERGE_FIELDS = List.of("contact.firstName", "contact.name", "account.name",
			"ticket.number", "ticket.subject", "agent.fullName");

	private final JdbcClient jdbc;

	private final TicketLookup ticketLookup;

	CannedReplies(JdbcClient jdbc, TicketLookup ticketLookup) {
		this.jdbc = jdbc;
		this.ticketLookup = ticketLookup;
	}

	@Transactional(readOnly = true)
	public List<CannedReply> all() {
		return jdbc.sql("select id, title, body, version from canned_replies order by lower(title), id")
			.query(Rows.of(CannedReply.class))
			.list();
	}

	@Transactional(readOnly = true)
	public CannedReply get(long id) {
		return jdbc.sql("select id, title, body, version from canned_replies where id = ?")
			.param(id)
			.query(Rows.of(CannedReply.class))
			.optional()
			.orElseThrow(() -> new NotFoundException("Canned reply", id));
	}

	@Transactional
	public long create(String title, String body) {
		validate(title, body, -1);
		return jdbc.sql("insert into canned_replies (title, body) values (?, ?) returning id")
			.params(title.strip(), body)
			.query(Long.class)
			.single();
	}

	@Transactional
	public void update(long id, String title, String body, long version) {
		validate(title, body, id);
		if (jdbc.sql("""
				update canned_replies set title = ?, body = ?, version = version + 1, updated_at = now()
				where id = ? and version = ?
				""").params(title.strip(), body, id, version).update() == 0) {
			throw new StaleEditException("Canned reply", id, version, get(id).version());
		}
	}

	@Transactional
	public void delete(long id) {
		jdbc.sql("delete from canned_replies where id = ?").param(id).update();
	}

	/**
	 * The reply's body with the ticket's merge fields filled in, for the agent to edit
	 * and send.
	 */
	@Transactional(readOnly = true)
	public String render(long cannedId, long ticketId, String agentFullName) {
		CannedReply reply = get(cannedId);
		TicketDetails t = ticketLookup.details(ticketId);
		Map<String, String> values = new java.util.HashMap<>();
		values.put("contact.firstName", nullToEmpty(t.contactFirstName()));
		values.put("contact.name", nullToEmpty(t.contactName()));
		values.put("account.name", nullToEmpty(t.accountName()));
		values.put("ticket.number", t.number());
		values.put("ticket.subject", t.subject());
		values.put("agent.fullName", nullToEmpty(agentFullName));
		return MergeFields.fill(reply.body(), values, MergeFields.Unknown.KEEP);
	}

	private void validate(String title, String body, long exceptId) {
		if (title == null || title.isBlank() || body == null || body.isBlank()) {
			throw new RuleViolationException("canned.required", "A canned reply needs a title and a text.");
		}
		if (title.strip().length() > 150) {
			throw new RuleViolationException("canned.title.tooLong", "The title is longer than 150 characters.");
		}
		if (jdbc.sql("select count(*) from canned_replies where lower(title) = lower(?) and id <> ?")
			.params(title.strip(), exceptId)
			.query(Long.class)
			.single() > 0) {
			throw new RuleViolationException("canned.title.taken", "A canned reply with this title exists already.");
		}
	}

	private static String nullToEmpty(String s) {
		return s == null ? "" : s;
	}

}
