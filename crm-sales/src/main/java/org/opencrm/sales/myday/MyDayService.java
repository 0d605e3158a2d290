package org.opencrm.sales.myday;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.opencrm.sales.settings.SalesSettingsService;
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

	MyDayService(JdbcClient jdbc, SalesSettingsService settings, Clock clock) {
		this.jdbc = jdbc;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * @param limit the most items each list shows
	 */
	@Transactional(readOnly = true)
	public MyDay forUser(long userId, int limit) {
		Instant now = clock.instant();
		LocalDate today = LocalDate.now(clock);
		Instant endOfDay = today.plusDays(1).atStartOfDay(clock.getZone()).toInstant();

		// Overdue first, then today's, in due order: one index range on (assignee,
		// status, due_at).
		List<MyDay.DayTask> tasks = jdbc.sql("""
				select t.id, t.title, t.due_at, t.account_id, a.name as account_name, t.contact_id,
				       c.first_name || ' ' || c.last_name as contact_name, t.related_ref
				from tasks t
				left join accounts a on a.id = t.account_id
				left join contacts c on c.id = t.contact_id
				where t.assignee_id = :user and t.status = 'OPEN' and t.due_at < :eod
				order by t.due_at, t.id
				limit :limit
				""")
			.param("user", userId)
			.param("eod", Timestamp.from(endOfDay))
			.param("limit", limit * 2 + 1)
			.query(MyDay.DayTask.class)
			.list();
		boolean moreTasks = tasks.size() > limit * 2;
		List<MyDay.DayTask> shown = moreTasks ? tasks.subList(0, limit * 2) : tasks;
		List<MyDay.DayTask> overdue = shown.stream().filter(t -> t.dueAt().isBefore(now)).limit(limit).toList();
		List<MyDay.DayTask> dueToday = shown.stream().filter(t -> !t.dueAt().isBefore(now)).limit(limit).toList();
		moreTasks = moreTasks || overdue.size() + dueToday.size() < shown.size();

		LocalDate monthStart = today.withDayOfMonth(1);
		List<MyDay.ClosingDeal> closing = jdbc.sql("""
				select o.id, o.name, o.account_id, a.name as account_name, o.amount, o.currency, o.close_date,
				       s.name as stage_name, s.probability, o.forecast_category
				from opportunities o
				join accounts a on a.id = o.account_id
				join pipeline_stages s on s.id = o.stage_id
				where o.owner_id = :user and o.status = 'OPEN' and o.close_date >= :from and o.close_date < :to
				order by o.close_date, o.id
				limit :limit
				""")
			.param("user", userId)
			.param("from", monthStart)
			.param("to", monthStart.plusMonths(1))
			.param("limit", limit + 1)
			.query(MyDay.ClosingDeal.class)
			.list();

		int days = settings.get().untouchedLeadDays();
		// Matches the partial index leads_untouched_idx (owner_id,
		// coalesce(last_activity_at, created_at)).
		List<MyDay.UntouchedLead> leads = jdbc.sql("""
				select l.id, coalesce(l.first_name || ' ', '') || l.last_name as name, l.company, l.status,
				       coalesce(l.last_activity_at, l.created_at) as last_touched_at
				from leads l
				where l.owner_id = :user and l.status in ('NEW', 'WORKING', 'QUALIFIED')
				  and coalesce(l.last_activity_at, l.created_at) < :before
				order by coalesce(l.last_activity_at, l.created_at), l.id
				limit :limit
				""")
			.param("user", userId)
			.param("before", Timestamp.from(now.minus(Duration.ofDays(days))))
			.param("limit", limit + 1)
			.query(MyDay.UntouchedLead.class)
			.list();

		return new MyDay(overdue, dueToday, moreTasks, head(closing, limit), closing.size() > limit, head(leads, limit),
				leads.size() > limit, days);
	}

	private static <T> List<T> head(List<T> list, int limit) {
		return list.size() > limit ? list.subList(0, limit) : list;
	}

}
