package org.opencrm.service.queue;

import static org.opencrm.core.shared.Rows.instantOrNull;
import static org.opencrm.core.shared.Rows.longOrNull;
import static org.opencrm.core.shared.Rows.textArray;

import java.util.List;
import java.util.Optional;
import org.opencrm.core.shared.CappedCount;
import org.opencrm.core.shared.Keyset;
import org.opencrm.core.shared.KeysetPage;
import org.opencrm.core.shared.KeysetSort;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.SqlWhere;
import org.opencrm.core.shared.StaleEditException;
import org.opencrm.service.ticket.TicketPriority;
import org.opencrm.service.ticket.TicketActions;
import org.opencrm.service.ticket.TicketStatus;
import org.opencrm.service.ticket.TicketType;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The page agents keep open all day: active tickets by view (mine, my queues, unassigned,
 * all), most urgent SLA first, with capped counts per view; "next ticket" claims the most
 * urgent unassigned ticket of my queues atomically; bulk actions go ticket by ticket.
 */
@Service
public class AgentQueue {

	static final String ACTIVE = "t.status in ('NEW', 'OPEN', 'PENDING_CUSTOMER', 'ON_HOLD')";

	private static final String MY_QUEUES = "t.queue_id in (select m.queue_id from service_queue_members m where m.user_id = :me)";

	private static final KeysetSort SORT = KeysetSort.oldestFirst("t.queue_sort_at");

	private static final RowMapper<QueueRow> ROW = (rs, n) -> new QueueRow(rs.getLong("id"), rs.getString("number"),
			rs.getString("subject"), TicketStatus.valueOf(rs.getString("status")),
			TicketPriority.valueOf(rs.getString("priority")), TicketType.valueOf(rs.getString("type")),
			rs.getString("contact_name"), rs.getString("account_name"), longOrNull(rs, "queue_id"),
			rs.getString("queue_name"), longOrNull(rs, "assignee_id"), rs.getString("assignee_name"),
			textArray(rs, "tags"), instantOrNull(rs, "first_response_warn_at"),
			instantOrNull(rs, "first_response_due_at"), instantOrNull(rs, "first_responded_at"),
			instantOrNull(rs, "resolution_warn_at"), instantOrNull(rs, "resolution_due_at"),
			instantOrNull(rs, "sla_paused_at"), rs.getLong("version"), rs.getString("sort_key"));

	private final JdbcClient jdbc;

	private final TicketActions ticketActions;

	AgentQueue(JdbcClient jdbc, TicketActions ticketActions) {
		this.jdbc = jdbc;
		this.ticketActions = ticketActions;
	}

	/**
	 * One page of a view, in two statements (counts of all views, then the page).
	 * @param seesAll whether the user may use the ALL view (managers, admins)
	 */
	@Transactional(readOnly = true)
	public QueuePage list(QueueView view, QueueFilter filter, long userId, boolean seesAll, String cursor,
			int pageSize) {
		if (view == QueueView.ALL && !seesAll) {
			throw new RuleViolationException("queue.view.notAllowed", "Only managers see all tickets.");
		}
		SqlWhere where = filters(filter).param("me", userId);
		QueueCounts qc = counts(where, seesAll);
		switch (view) {
			case MINE -> where.and("t.assignee_id = :me");
			case MY_QUEUES -> where.and(MY_QUEUES);
			case UNASSIGNED -> where.and("t.assignee_id is null");
			case ALL -> {
			}
		}
		Keyset.Cursor c = Keyset.decode(cursor);
		String orderBy = SORT.orderBy(where, c, "t.id");
		String sql = """
				select t.id, t.number, t.subject, t.status, t.priority, t.type, t.queue_id, t.assignee_id, t.tags,
				       t.first_response_warn_at, t.first_response_due_at, t.first_responded_at, t.resolution_warn_at,
				       t.resolution_due_at, t.sla_paused_at, t.version,
				       c.first_name || ' ' || c.last_name as contact_name, a.name as account_name,
				       q.name as queue_name, u.full_name as assignee_name, %s as sort_key
				from tickets t
				left join contacts c on c.id = t.contact_id
				left join accounts a on a.id = t.account_id
				left join service_queues q on q.id = t.queue_id
				left join users u on u.id = t.assignee_id
				%s %s limit :limit
				""".formatted(SORT.keyExpression(), where.sql(), orderBy);
		List<QueueRow> rows = where.bind(jdbc.sql(sql)).param("limit", pageSize + 1).query(ROW).list();
		CappedCount total = switch (view) {
			case MINE -> qc.mine();
			case MY_QUEUES -> qc.myQueues();
			case UNASSIGNED -> qc.unassigned();
			case ALL -> qc.all();
		};
		return new QueuePage(Keyset.page(rows, pageSize, c, QueueRow::sortKey, QueueRow::id, total), qc);
	}

	/**
	 * The views' counts in one statement, each stopping at
	 * {@link CappedCount#HEADING_CAP} (an agent with thousands of tickets sees "500+"):
	 * the tab counts are read on every poll of the page, so each is a bounded walk of its
	 * view's index. The "all" view is counted only for those who see it.
	 */
	private QueueCounts counts(SqlWhere where, boolean seesAll) {
		String w = where.sql();
		int cap = CappedCount.HEADING_CAP;
		String limit = " limit " + (cap + 1) + ") x)";
		String counts = "select (select count(*) from (select 1 from tickets t" + w + " and t.assignee_id = :me" + limit
				+ " as mine, (select count(*) from (select 1 from tickets t" + w + " and " + MY_QUEUES + limit
				+ " as my_queues, (select count(*) from (select 1 from tickets t" + w + " and t.assignee_id is null"
				+ limit + " as unassigned"
				+ (seesAll ? ", (select count(*) from (select 1 from tickets t" + w + limit + " as everything" : "");
		return where.bind(jdbc.sql(counts))
			.query((rs, n) -> new QueueCounts(CappedCount.of(rs.getLong(1), cap), CappedCount.of(rs.getLong(2), cap),
					CappedCount.of(rs.getLong(3), cap), seesAll ? CappedCount.of(rs.getLong(4), cap) : null))
			.single();
	}

	private static SqlWhere filters(QueueFilter f) {
		SqlWhere where = new SqlWhere().and(ACTIVE);
		if (f.status() != null && f.status().isActive()) {
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
		if (f.tag() != null && !f.tag().isBlank()) {
			where.and("t.tags @> array[:tag]::text[]", "tag", f.tag().strip().toLowerCase());
		}
		return where;
	}

	/**
	 * Claims the most urgent unassigned NEW or OPEN ticket of the user's queues. Rows
	 * another agent is claiming right now are skipped ({@code for update skip locked}),
	 * so two agents pressing "next" at once never get the same ticket. Empty when there
	 * is none.
	 * <p>
	 * Each of the user's queues gives its first such ticket from
	 * {@code tickets_unassigned_due_idx} (queue, deadline order), locked, and the most
	 * urgent of those few is claimed: reading all of the queues' unassigned tickets and
	 * sorting them cost 2,187 buffers at 1M tickets, this about 30 whatever the queues'
	 * length. The other queues' first tickets stay locked until this transaction ends, so
	 * an agent pressing "next" at that moment takes the ones behind them.
	 */
	@Transactional
	public Optional<Long> nextTicket(long userId) {
		Optional<Long> id = jdbc
			.sql("""
					select c.id from service_queue_members m
					cross join lateral (select t.id, t.queue_sort_at from tickets t
					                    where t.queue_id = m.queue_id and t.assignee_id is null and t.status in ('NEW', 'OPEN')
					                    order by t.queue_sort_at, t.id
					                    limit 1
					                    for update of t skip locked) c
					where m.user_id = ?
					order by c.queue_sort_at, c.id
					limit 1
					""")
			.param(userId)
			.query(Long.class)
			.optional();
		id.ifPresent(ticketId -> ticketActions.claim(ticketId, userId));
		return id;
	}

	/**
	 * Applies one action to each ticked ticket in its own transaction, so one ticket a
	 * rule refuses (a status it can't reach) doesn't undo the others.
	 */
	public BulkResult bulk(List<Long> ticketIds, BulkAction action, String value) {
		Long assignee = null;
		TicketStatus status = null;
		TicketPriority priority = null;
		try {
			switch (action) {
				case ASSIGN -> assignee = value == null || value.isBlank() ? null : Long.valueOf(value);
				case STATUS -> status = TicketStatus.valueOf(value);
				case PRIORITY -> priority = TicketPriority.valueOf(value);
			}
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new RuleViolationException("queue.bulk.valueMissing", "Choose a value for the bulk action.");
		}
		int done = 0;
		int refused = 0;
		for (Long id : ticketIds.stream().distinct().toList()) {
			try {
				switch (action) {
					case ASSIGN -> ticketActions.assign(id, assignee, null);
					case STATUS -> ticketActions.changeStatus(id, status, null);
					case PRIORITY -> ticketActions.changePriority(id, priority, null);
				}
				done++;
			}
			catch (RuleViolationException | NotFoundException | StaleEditException ex) {
				refused++;
			}
		}
		return new BulkResult(done, refused);
	}

}
