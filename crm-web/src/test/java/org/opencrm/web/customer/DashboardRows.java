package org.opencrm.web.customer;

import java.util.UUID;
import org.opencrm.core.user.UserService;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Builds customers and their history straight in the tables, for the dashboard tests. */
final class DashboardRows {

	private final JdbcClient jdbc;

	private final UserService users;

	DashboardRows(JdbcClient jdbc, UserService users) {
		this.jdbc = jdbc;
		this.users = users;
	}

	static String unique() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

	long user(String username) {
		return users.loadUserByUsername(username).id();
	}

	long account(String name, Long ownerId) {
		return jdbc.sql("insert into accounts (name, lifecycle_stage, owner_id) values (?, 'CUSTOMER', ?) returning id")
			.params(name, ownerId)
			.query(Long.class)
			.single();
	}

	long account(String name, Long ownerId, String phone, String email) {
		return jdbc
			.sql("""
					insert into accounts (name, lifecycle_stage, owner_id, phone, email) values (?, 'CUSTOMER', ?, ?, ?) returning id
					""")
			.params(name, ownerId, phone, email)
			.query(Long.class)
			.single();
	}

	long contact(Long accountId, String first, String last, String email, String phone, Long ownerId, String tag) {
		return jdbc
			.sql("""
					insert into contacts (account_id, first_name, last_name, email, phone, lifecycle_stage, owner_id, tags)
					values (?, ?, ?, ?, ?, 'CUSTOMER', ?, case when cast(? as text) is null then '{}'::text[] else array[cast(? as text)] end)
					returning id
					""")
			.params(accountId, first, last, email, phone, ownerId, tag, tag)
			.query(Long.class)
			.single();
	}

	long stage(String kind) {
		return jdbc.sql("""
				select min(s.id) from pipeline_stages s join pipelines p on p.id = s.pipeline_id
				where p.is_default and s.kind = ?
				""").param(kind).query(Long.class).single();
	}

	/** A deal; {@code closedDaysAgo} null leaves closed_at empty. */
	long deal(long accountId, Long contactId, String name, String status, String amount, String currency,
			Integer closedDaysAgo, long ownerId) {
		long stage = stage(status);
		return jdbc.sql("""
				insert into opportunities (name, account_id, primary_contact_id, pipeline_id, stage_id, status, amount,
				                           currency, close_date, closed_at, owner_id, forecast_category)
				select ?, ?, ?, s.pipeline_id, s.id, ?, cast(? as numeric), ?,
				       coalesce((now() - make_interval(days => cast(? as int)))::date, current_date + 30),
				       now() - make_interval(days => cast(? as int)), ?, 'PIPELINE'
				from pipeline_stages s where s.id = ?
				returning id
				""")
			.params(name, accountId, contactId, status, amount, currency, closedDaysAgo, closedDaysAgo, ownerId, stage)
			.query(Long.class)
			.single();
	}

	void task(long accountId, Long contactId, String title, int dueInHours, String status, long assignee) {
		jdbc.sql("""
				insert into tasks (title, due_at, assignee_id, account_id, contact_id, status)
				values (?, now() + make_interval(hours => ?), ?, ?, ?, ?)
				""").params(title, dueInHours, assignee, accountId, contactId, status).update();
	}

	long ticket(Long accountId, Long contactId, String subject, String type, String status) {
		return jdbc
			.sql("""
					insert into tickets (number, subject, type, priority, status, channel, contact_id, account_id, opened_at,
					                     queue_sort_at)
					values ('DASH-' || substr(md5(random()::text), 1, 12), ?, ?, 'NORMAL', ?, 'PHONE', ?, ?, now(),
					        now() + interval '100 years')
					returning id
					""")
			.params(subject, type, status, contactId, accountId)
			.query(Long.class)
			.single();
	}

	void rating(long ticketId, Long accountId, Long contactId, Integer rating, int resolvedDaysAgo) {
		jdbc.sql(
				"""
						insert into csat_surveys (ticket_id, ticket_number, ticket_subject, contact_id, account_id, resolved_at,
						                          rating, first_rated_at, rated_at)
						values (?, 'T', 'Rated', ?, ?, now() - make_interval(days => ?), cast(? as int),
						        case when cast(? as int) is not null then now() end, case when cast(? as int) is not null then now() end)
						""")
			.params(ticketId, contactId, accountId, resolvedDaysAgo, rating, rating, rating)
			.update();
	}

	void interaction(long accountId, Long contactId, String kind, String subject, int hoursAgo) {
		jdbc.sql("""
				insert into interactions (account_id, contact_id, kind, subject, occurred_at, source_module)
				values (?, ?, ?, ?, now() - make_interval(hours => ?), 'core')
				""").params(accountId, contactId, kind, subject, hoursAgo).update();
	}

	void health(long accountId, int score, int previous, String band) {
		jdbc.sql(
				"""
						insert into customer_health (account_id, score, previous_score, band, rfm_segment, recency_days, frequency,
						                             monetary, factors, computed_at)
						values (?, ?, ?, ?, 'LOYAL', 12, 4, 6000, cast(? as jsonb), now())
						""")
			.params(accountId, score, previous, band,
					"[{\"code\":\"recency\",\"points\":40,\"detail\":\"last purchase 12 days ago\"},"
							+ "{\"code\":\"frequency\",\"points\":" + (score - 40) + ",\"detail\":\"4 purchases\"}]")
			.update();
	}

	/**
	 * Bulk history for the statement-count tests: timeline entries, deals and tickets.
	 */
	void heavyHistory(long accountId, Long contactId, int entries, int deals, int tickets, long ownerId) {
		jdbc.sql("""
				insert into interactions (account_id, contact_id, kind, subject, occurred_at, source_module)
				select ?, ?, (array['CALL','EMAIL','NOTE','MEETING'])[1 + g % 4], 'Bulk ' || g,
				       now() - make_interval(mins => g), 'core'
				from generate_series(1, ?) g
				""").params(accountId, contactId, entries).update();
		long open = stage("OPEN");
		jdbc.sql("""
				insert into opportunities (name, account_id, primary_contact_id, pipeline_id, stage_id, status, amount,
				                           currency, close_date, closed_at, owner_id, forecast_category)
				select 'Bulk deal ' || g, ?, ?, s.pipeline_id,
				       case when g % 3 = 0 then ? else s.id end,
				       case when g % 3 = 0 then 'WON' else 'OPEN' end, 100 + g,
				       case when g % 2 = 0 then 'EUR' else 'USD' end, current_date + (g % 60),
				       case when g % 3 = 0 then now() - make_interval(days => g) end, ?, 'PIPELINE'
				from generate_series(1, ?) g cross join pipeline_stages s where s.id = ?
				""").params(accountId, contactId, stage("WON"), ownerId, deals, open).update();
		jdbc.sql(
				"""
						insert into tickets (number, subject, type, priority, status, channel, contact_id, account_id, opened_at,
						                     queue_sort_at)
						select 'BULK-' || substr(md5(random()::text), 1, 14), 'Bulk ticket ' || g,
						       case when g % 5 = 0 then 'COMPLAINT' else 'INCIDENT' end, 'NORMAL',
						       case when g % 2 = 0 then 'OPEN' else 'RESOLVED' end, 'PHONE', ?, ?, now(), now() + make_interval(hours => g)
						from generate_series(1, ?) g
						""")
			.params(contactId, accountId, tickets)
			.update();
	}

}
