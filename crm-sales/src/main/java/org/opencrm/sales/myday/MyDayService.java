package org.opencrm.sales.myday;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.opencrm.core.shared.CappedCount;
import org.opencrm.sales.settings.SalesSettingsService;
import org.opencrm.core.task.TaskTexts;
import org.opencrm.core.shared.Rows;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads "my day" for one user: four statements (settings, tasks, deals, leads) whatever
 * the data size.
 */
@Service
public class MyDayService {

	private final JdbcClient jdbc;

	private final SalesSettingsService settings;

	private final Clock clock;

	private final TaskTexts texts;

	MyDayService(JdbcClient jdbc, SalesSettingsService settings, Clock clock, TaskTexts texts) {
		this.jdbc = jdbc;
		this.settings = settings;
		this.clock = clock;
		this.texts = texts;
	}

	/**
	 * @param limit the most items each list shows
	 */
	@Transactional(readOnly = true)
	public MyDay forUser(long userId, int limit) {
		Instant now = clock.instant();
		LocalDate today = LocalDate.now(clock);
		Instant endOfDay = today.plusDays(1).atStartOfDay(clock.getZone()).toInstant();
		int cap = CappedCount.HEADING_CAP;

		// The first overdue and the first of today's tasks, each list a short walk of
		// tasks_assignee_open_idx (assignee, status, due_at, id); only those rows are
		// joined to their account and contact. The headings' counts stop at the cap: a
		// rep
		// with thousands of overdue tasks reads "500+", and the page costs the same.
		long[] taskCounts = new long[2];
		RowMapper<MyDay.DayTask> counted = counting(MyDay.DayTask.class, rs -> {
			taskCounts[0] = rs.getLong("overdue_count");
			taskCounts[1] = rs.getLong("today_count");
		});
		// A scheduled task's title in the reader's language.
		RowMapper<MyDay.DayTask> taskRow = (rs, n) -> counted.mapRow(rs, n).withTitle(texts.title(rs));
		List<MyDay.DayTask> tasks = jdbc
			.sql("""
					select t.id, t.title, t.title_key, t.title_args, t.due_at, t.account_id, a.name as account_name,
					       t.contact_id,
					       c.first_name || ' ' || c.last_name as contact_name, t.related_ref, t.version,
					       (select count(*) from (select 1 from tasks o
					                              where o.assignee_id = :user and o.status = 'OPEN' and o.due_at < :now
					                              limit :cap) x) as overdue_count,
					       (select count(*) from (select 1 from tasks o
					                              where o.assignee_id = :user and o.status = 'OPEN' and o.due_at >= :now
					                                and o.due_at < :eod
					                              limit :cap) x) as today_count
					from ((select t.id, t.title, t.title_key, t.title_args, t.due_at, t.account_id, t.contact_id, t.related_ref,
					              t.version
					       from tasks t
					       where t.assignee_id = :user and t.status = 'OPEN' and t.due_at < :now
					       order by t.due_at, t.id
					       limit :limit)
					      union all
					      (select t.id, t.title, t.title_key, t.title_args, t.due_at, t.account_id, t.contact_id, t.related_ref,
					              t.version
					       from tasks t
					       where t.assignee_id = :user and t.status = 'OPEN' and t.due_at >= :now and t.due_at < :eod
					       order by t.due_at, t.id
					       limit :limit)) t
					left join accounts a on a.id = t.account_id
					left join contacts c on c.id = t.contact_id
					order by t.due_at, t.id
					""")
			.param("user", userId)
			.param("eod", Timestamp.from(endOfDay))
			.param("now", Timestamp.from(now))
			.param("limit", limit + 1)
			.param("cap", cap + 1)
			.query(taskRow)
			.list();
		List<MyDay.DayTask> overdueRows = tasks.stream().filter(t -> t.dueAt().isBefore(now)).toList();
		List<MyDay.DayTask> todayRows = tasks.stream().filter(t -> !t.dueAt().isBefore(now)).toList();
		boolean moreTasks = overdueRows.size() > limit || todayRows.size() > limit;

		LocalDate monthStart = today.withDayOfMonth(1);
		long[] closingCount = new long[1];
		List<MyDay.ClosingDeal> closing = jdbc.sql("""
				select o.id, o.name, o.account_id, a.name as account_name, o.amount, o.currency, o.close_date,
				       s.name as stage_name, s.probability, o.forecast_category,
				       (select count(*) from (select 1 from opportunities n
				                              where n.owner_id = :user and n.status = 'OPEN' and n.close_date >= :from
				                                and n.close_date < :to
				                              limit :cap) x) as all_count
				from (select o.id, o.name, o.account_id, o.amount, o.currency, o.close_date, o.stage_id,
				             o.forecast_category
				      from opportunities o
				      where o.owner_id = :user and o.status = 'OPEN' and o.close_date >= :from and o.close_date < :to
				      order by o.close_date, o.id
				      limit :limit) o
				join accounts a on a.id = o.account_id
				join pipeline_stages s on s.id = o.stage_id
				order by o.close_date, o.id
				""")
			.param("user", userId)
			.param("from", monthStart)
			.param("to", monthStart.plusMonths(1))
			.param("limit", limit + 1)
			.param("cap", cap + 1)
			.query(counting(MyDay.ClosingDeal.class, rs -> closingCount[0] = rs.getLong("all_count")))
			.list();

		int days = settings.get().untouchedLeadDays();
		// Matches the partial index leads_untouched_idx (owner_id,
		// coalesce(last_activity_at, created_at)).
		long[] leadCount = new long[1];
		List<MyDay.UntouchedLead> leads = jdbc.sql("""
				select l.id, coalesce(l.first_name || ' ', '') || l.last_name as name, l.company, l.status,
				       coalesce(l.last_activity_at, l.created_at) as last_touched_at,
				       (select count(*) from (select 1 from leads n
				                              where n.owner_id = :user and n.status in ('NEW', 'WORKING', 'QUALIFIED')
				                                and coalesce(n.last_activity_at, n.created_at) < :before
				                              limit :cap) x) as all_count
				from leads l
				where l.owner_id = :user and l.status in ('NEW', 'WORKING', 'QUALIFIED')
				  and coalesce(l.last_activity_at, l.created_at) < :before
				order by coalesce(l.last_activity_at, l.created_at), l.id
				limit :limit
				""")
			.param("user", userId)
			.param("before", Timestamp.from(now.minus(Duration.ofDays(days))))
			.param("limit", limit + 1)
			.param("cap", cap + 1)
			.query(counting(MyDay.UntouchedLead.class, rs -> leadCount[0] = rs.getLong("all_count")))
			.list();

		return new MyDay(head(overdueRows, limit), head(todayRows, limit), moreTasks, head(closing, limit),
				closing.size() > limit, head(leads, limit), leads.size() > limit, days,
				new MyDay.Counts(CappedCount.of(taskCounts[0], cap), CappedCount.of(taskCounts[1], cap),
						CappedCount.of(closingCount[0], cap), CappedCount.of(leadCount[0], cap)));
	}

	/** Maps rows to {@code type} and hands each row's window counts to {@code counts}. */
	private static <T extends Record> RowMapper<T> counting(Class<T> type, SqlConsumer counts) {
		RowMapper<T> rows = Rows.of(type);
		return (rs, n) -> {
			counts.accept(rs);
			return rows.mapRow(rs, n);
		};
	}

	@FunctionalInterface
	private interface SqlConsumer {

		void accept(ResultSet rs) throws SQLException;

	}

	private static <T> List<T> head(List<T> list, int limit) {
		return list.size() > limit ? list.subList(0, limit) : list;
	}

}
