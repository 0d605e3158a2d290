package org.opencrm.service.ticket;

import static org.opencrm.core.shared.Rows.instantOrNull;
import static org.opencrm.core.shared.Rows.longOrNull;
import static org.opencrm.core.shared.Rows.textArray;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.opencrm.core.shared.CappedCount;
import org.opencrm.core.shared.Keyset;
import org.opencrm.core.shared.KeysetPage;
import org.opencrm.core.shared.KeysetSort;
import org.opencrm.core.shared.Like;
import org.opencrm.core.shared.SqlWhere;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every ticket, any status, newest first by keyset, filtered; for the ticket list and the
 * API.
 */
@Service
public class TicketList {

	private static final KeysetSort SORT = KeysetSort.newestFirst("t.created_at");

	private static final RowMapper<TicketRow> ROW = (rs, n) -> new TicketRow(rs.getLong("id"), rs.getString("number"),
			rs.getString("subject"), TicketStatus.valueOf(rs.getString("status")),
			TicketPriority.valueOf(rs.getString("priority")), TicketType.valueOf(rs.getString("type")),
			TicketChannel.valueOf(rs.getString("channel")), longOrNull(rs, "contact_id"), rs.getString("contact_name"),
			longOrNull(rs, "account_id"), rs.getString("account_name"), longOrNull(rs, "queue_id"),
			rs.getString("queue_name"), longOrNull(rs, "assignee_id"), rs.getString("assignee_name"),
			textArray(rs, "tags"), instantOrNull(rs, "resolution_due_at"), instantOrNull(rs, "created_at"),
			rs.getLong("version"), rs.getString("sort_key"));

	private final JdbcClient jdbc;

	private final Clock clock;

	TicketList(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	private Timestamp startOf(LocalDate day) {
		return Timestamp.from(day.atStartOfDay(clock.getZone()).toInstant());
	}

	/**
	 * A ticket number matches that ticket; other text matches subjects containing it (the
	 * trigram index {@code tickets_subject_trgm_idx} serves {@code ilike}).
	 */
	private static void matching(SqlWhere where, String text) {
		TicketFilter.number(text)
			.ifPresentOrElse(number -> where.and("t.number = :number", "number", number),
					() -> where.and("t.subject ilike :subject", "subject", Like.containing(text.strip())));
	}

	/**
	 * The newest tickets whose number or subject matches, for the search box (service
	 * desk only; the caller checks the role); one statement, no count.
	 */
	@Transactional(readOnly = true)
	public List<TicketRow> search(String text, int limit) {
		if (text == null || text.strip().length() < 2 && TicketFilter.number(text).isEmpty()) {
			return List.of();
		}
		SqlWhere where = new SqlWhere();
		matching(where, text);
		return page(where, null, limit, null).items();
	}

	/** One page in two statements: the capped count and the rows. */
	@Transactional(readOnly = true)
	public KeysetPage<TicketRow> list(TicketFilter f, String cursor, int pageSize) {
		SqlWhere where = new SqlWhere();
		if (f.status() != null) {
			where.and("t.status = :status", "status", f.status().name());
		}
		if (f.priority() != null) {
			where.and("t.priority = :priority", "priority", f.priority().name());
		}
		if (f.type() != null) {
			where.and("t.type = :type", "type", f.type().name());
		}
		if (f.queueId() != null) {
			where.and("t.queue_id = :queue", "queue", f.queueId());
		}
		if (f.assigneeId() != null) {
			where.and("t.assignee_id = :assignee", "assignee", f.assigneeId());
		}
		if (f.contactId() != null) {
			where.and("t.contact_id = :contact", "contact", f.contactId());
		}
		if (f.accountId() != null) {
			where.and("t.account_id = :account", "account", f.accountId());
		}
		if (f.tag() != null && !f.tag().isBlank()) {
			where.and("t.tags @> array[:tag]::text[]", "tag", f.tag().strip().toLowerCase());
		}
		if (f.text() != null && !f.text().isBlank()) {
			matching(where, f.text());
		}
		if (f.teamId() != null) {
			where.and(TicketFilter.teamCondition("t.assignee_id", "t.account_id"), "team", f.teamId());
		}
		if (f.openedFrom() != null) {
			where.and("t.opened_at >= :openedFrom", "openedFrom", startOf(f.openedFrom()));
		}
		if (f.openedTo() != null) {
			where.and("t.opened_at < :openedTo", "openedTo", startOf(f.openedTo().plusDays(1)));
		}
		if (f.openOn() != null) {
			// The same rule as the dashboard's backlog
			// (service.insight.ServiceTrendQuery).
			where.and(
					"t.opened_at < :openAt and (least(t.resolved_at, t.closed_at) is null"
							+ " or least(t.resolved_at, t.closed_at) >= :openAt)",
					"openAt", startOf(f.openOn().plusDays(1)));
		}
		var total = where.cappedCount(jdbc, "tickets t");
		return page(where, cursor, pageSize, total);
	}

	private KeysetPage<TicketRow> page(SqlWhere where, String cursor, int pageSize, CappedCount total) {
		Keyset.Cursor c = Keyset.decode(cursor);
		String orderBy = SORT.orderBy(where, c, "t.id");
		String sql = """
				select t.id, t.number, t.subject, t.status, t.priority, t.type, t.channel, t.contact_id, t.account_id,
				       t.queue_id, t.assignee_id, t.tags, t.resolution_due_at, t.created_at, t.version,
				       c.first_name || ' ' || c.last_name as contact_name, a.name as account_name,
				       q.name as queue_name, u.full_name as assignee_name, %s as sort_key
				from tickets t
				left join contacts c on c.id = t.contact_id
				left join accounts a on a.id = t.account_id
				left join service_queues q on q.id = t.queue_id
				left join users u on u.id = t.assignee_id
				%s %s limit :limit
				""".formatted(SORT.keyExpression(), where.sql(), orderBy);
		List<TicketRow> rows = where.bind(jdbc.sql(sql)).param("limit", pageSize + 1).query(ROW).list();
		return Keyset.page(rows, pageSize, c, TicketRow::sortKey, TicketRow::id, total);
	}

}
