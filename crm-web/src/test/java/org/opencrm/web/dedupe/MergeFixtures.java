package org.opencrm.web.dedupe;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Records for the merge tests, written with SQL: people, companies and leads, and a row
 * in every table that points at one of them, as the modules would write them.
 */
final class MergeFixtures {

	private static final AtomicLong SEQ = new AtomicLong(System.nanoTime() % 1_000_000_000L);

	private final JdbcClient jdbc;

	MergeFixtures(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	static String unique() {
		return Long.toString(SEQ.incrementAndGet(), 36);
	}

	long account(String name) {
		return jdbc.sql("insert into accounts (name, lifecycle_stage) values (?, 'LEAD') returning id")
			.param(name)
			.query(Long.class)
			.single();
	}

	long contact(String first, String last, String email, Long accountId) {
		return jdbc.sql("""
				insert into contacts (first_name, last_name, email, account_id, lifecycle_stage)
				values (?, ?, ?, ?, 'LEAD') returning id""")
			.params(first, last, email, accountId)
			.query(Long.class)
			.single();
	}

	/** A new lead of the manager's (a manager sees their own and their team's leads). */
	long lead(String first, String last, String email, String company) {
		return jdbc.sql("""
				insert into leads (first_name, last_name, email, company, source, status, owner_id)
				values (?, ?, ?, ?, 'Web', 'NEW', (select id from users where username = 'manager')) returning id""")
			.params(first, last, email, company)
			.query(Long.class)
			.single();
	}

	long userId(String username) {
		return jdbc.sql("select id from users where username = ?").param(username).query(Long.class).single();
	}

	long version(String table, long id) {
		return jdbc.sql("select version from " + table + " where id = ?").param(id).query(Long.class).single();
	}

	long count(String sql, Object... params) {
		return jdbc.sql(sql).params(params).query(Long.class).single();
	}

	long ticket(Long contactId, Long accountId) {
		return jdbc.sql("""
				insert into tickets (number, subject, type, priority, status, channel, contact_id, account_id,
				                     opened_at, queue_sort_at)
				values (?, 'Merge me', 'INCIDENT', 'NORMAL', 'OPEN', 'PHONE', ?, ?, now(), now() + interval '1 day')
				returning id""").params("M-" + unique().toUpperCase(), contactId, accountId).query(Long.class).single();
	}

	long interaction(Long contactId, Long accountId, String subject) {
		return jdbc.sql("""
				insert into interactions (kind, occurred_at, account_id, contact_id, subject, source_module)
				values ('NOTE', now(), ?, ?, ?, 'core') returning id""")
			.params(accountId, contactId, subject)
			.query(Long.class)
			.single();
	}

	long deal(long accountId, Long contactId, Long partnerAccountId) {
		return jdbc
			.sql("""
					insert into opportunities (name, account_id, primary_contact_id, partner_account_id, pipeline_id, stage_id,
					                           status, amount, currency, close_date, owner_id, forecast_category)
					select ?, ?, ?, ?, s.pipeline_id, s.id, 'OPEN', 1000, 'EUR', current_date + 30,
					       (select id from users where username = 'manager'), 'PIPELINE'
					from pipeline_stages s where s.kind = 'OPEN' and s.active order by s.pipeline_id, s.position limit 1
					returning id""")
			.params("Deal " + unique(), accountId, contactId, partnerAccountId)
			.query(Long.class)
			.single();
	}

	/**
	 * A row for the person in every table that refers to people (the schema test checks
	 * none is missing), and, where a rule allows one row per person (a segment, a
	 * sequence, a campaign), the same for {@code other} (created before the person) so
	 * the merge has to resolve it.
	 */
	void connectPerson(long contact, long accountId, long other) {
		interaction(contact, null, "Call about the merge");
		jdbc.sql(
				"""
						insert into tasks (title, due_at, assignee_id, contact_id) values ('Follow up', now() + interval '1 day',
						  (select id from users where username = 'manager'), ?)""")
			.param(contact)
			.update();
		long ticket = ticket(contact, null);
		jdbc.sql(
				"insert into ticket_messages (ticket_id, author_kind, author_contact_id, body) values (?, 'CUSTOMER', ?, 'Hi')")
			.params(ticket, contact)
			.update();
		jdbc.sql("insert into csat_surveys (ticket_id, resolved_at, contact_id) values (?, now(), ?)")
			.params(ticket, contact)
			.update();
		jdbc.sql("""
				insert into service_appointments (kind, title, agent_id, starts_at, ends_at, contact_id, status)
				values ('REPAIR', 'Fix it', (select id from users where username = 'agent'), now() - interval '2 days',
				        now() - interval '2 days' + interval '1 hour', ?, 'DONE')""").param(contact).update();
		deal(accountId, contact, null);
		jdbc.sql("""
				insert into leads (first_name, last_name, source, status, converted_contact_id, converted_at)
				values ('Was', 'Lead', 'Web', 'CONVERTED', ?, now())""").param(contact).update();
		long lead = jdbc
			.sql("insert into leads (last_name, source, status) values ('Scored', 'Web', 'NEW') returning id")
			.query(Long.class)
			.single();
		jdbc.sql("insert into scored_leads (lead_id, contact_id) values (?, ?)").params(lead, contact).update();
		jdbc.sql("""
				insert into engagements (email, contact_id, type, occurred_at) values (?, ?, 'OPEN', now())""")
			.params(unique() + "@engaged.example", contact)
			.update();
		jdbc.sql("""
				insert into form_submissions (form_id, submitted_at, email, data, client_address, contact_id)
				values ((select min(id) from lead_forms), now(), 'form@merge.example', '{}'::jsonb, '127.0.0.1', ?)""")
			.param(contact)
			.update();
		jdbc.sql("""
				insert into contact_consents (contact_id, channel, granted, source, occurred_at)
				values (?, 'EMAIL', true, 'MANUAL', now())""").param(contact).update();
		// "Not a duplicate" of someone older (the person as contact_high) and of someone
		// newer (as contact_low).
		long newer = contact("Newer", "Peer " + unique(), null, null);
		for (long peer : List.of(other, newer)) {
			jdbc.sql("""
					insert into contact_duplicate_dismissals (contact_low, contact_high)
					values (least(?::bigint, ?::bigint), greatest(?::bigint, ?::bigint))""")
				.params(contact, peer, contact, peer)
				.update();
		}
		jdbc.sql("""
				insert into users (username, full_name, password_hash, role, contact_id)
				values (?, 'Portal Person', 'x', 'CUSTOMER', ?)""").params("portal-" + unique(), contact).update();
		for (long person : List.of(contact, other)) {
			jdbc.sql("insert into segment_members (segment_id, contact_id) values ((select min(id) from segments), ?)")
				.param(person)
				.update();
			long enrolment = jdbc.sql("""
					insert into sequence_enrolments (sequence_id, contact_id, next_run_at)
					values ((select min(id) from sequences), ?, now() + interval '1 day') returning id""")
				.param(person)
				.query(Long.class)
				.single();
			String email = unique() + "@sends.example";
			jdbc.sql("""
					insert into email_sends (template_id, email, message_id, campaign_id, contact_id)
					values ((select min(id) from email_templates), ?, ?, (select min(id) from campaigns), ?)""")
				.params(email, "<" + unique() + "@merge>", person)
				.update();
			jdbc.sql("""
					insert into email_sends (template_id, email, message_id, enrolment_id, step_position, contact_id)
					values ((select min(id) from email_templates), ?, ?, ?, 1, ?)""")
				.params(email, "<" + unique() + "@merge>", enrolment, person)
				.update();
		}
	}

	/**
	 * A row for the company in every table that refers to companies: its people, deals
	 * (its own and as a partner), tickets, timeline, tasks, a converted lead, a service
	 * tier, a health score, campaign revenue, appointments and surveys; "not a duplicate"
	 * of an {@code older} and a newer company.
	 */
	void connectCompany(long account, long older) {
		long person = contact("Staff", "Member " + unique(), null, account);
		// A mail the company's person got and opened: the send and the company's e-mail
		// figures name the company (email_sends.account_id, account_email_stats).
		jdbc.sql(
				"""
						insert into email_sends (template_id, email, message_id, campaign_id, contact_id, status, sent_at, opened_at)
						values ((select min(id) from email_templates), ?, ?, (select min(id) from campaigns), ?, 'SENT', now(), now())""")
			.params(unique() + "@company-sends.example", "<" + unique() + "@merge>", person)
			.update();
		long newer = account("Newer Co " + unique());
		for (long peer : List.of(older, newer)) {
			jdbc.sql("""
					insert into account_duplicate_dismissals (account_low, account_high)
					values (least(?::bigint, ?::bigint), greatest(?::bigint, ?::bigint))""")
				.params(account, peer, account, peer)
				.update();
		}
		// An owner change whose contacts the background job has still to move
		// (account_owner_moves): the merge moves the contacts to the survivor, where
		// they take its owner, so the queued move goes with the merged company.
		jdbc.sql("insert into account_owner_moves (account_id, owner_id) values (?, null)").param(account).update();
		interaction(null, account, "Company call");
		jdbc.sql("""
				insert into tasks (title, due_at, assignee_id, account_id) values ('Visit', now() + interval '1 day',
				  (select id from users where username = 'manager'), ?)""").param(account).update();
		long ticket = ticket(person, account);
		jdbc.sql("insert into csat_surveys (ticket_id, resolved_at, account_id) values (?, now(), ?)")
			.params(ticket, account)
			.update();
		jdbc.sql(
				"""
						insert into service_appointments (kind, title, agent_id, starts_at, ends_at, account_id, status)
						values ('MAINTENANCE', 'Check', (select id from users where username = 'agent'), now() + interval '2 days',
						        now() + interval '2 days' + interval '1 hour', ?, 'SCHEDULED')""")
			.param(account)
			.update();
		jdbc.sql("insert into partners (account_id, partner_type) values (?, 'RESELLER')").param(account).update();
		long deal = deal(account, null, account);
		jdbc.sql("""
				insert into campaign_attributions (opportunity_id, account_id, amount, currency, won_on)
				values (?, ?, 1000, 'EUR', current_date)""").params(deal, account).update();
		// A won deal with a line item: what the company bought (account_products).
		long won = deal(account, null, null);
		jdbc.sql(
				"""
						update opportunities o set status = 'WON', closed_at = now(), forecast_category = 'CLOSED',
						  stage_id = (select s.id from pipeline_stages s where s.pipeline_id = o.pipeline_id and s.kind = 'WON' limit 1)
						where o.id = ?""")
			.param(won)
			.update();
		long product = jdbc.sql("""
				insert into products (name, sku, unit_price, currency) values ('Merge product', ?, 10, 'EUR')
				returning id""").param("MRG-" + unique()).query(Long.class).single();
		jdbc.sql("""
				insert into opportunity_line_items (opportunity_id, product_id, position, quantity, unit_price)
				values (?, ?, 0, 1, 10)""").params(won, product).update();
		jdbc.sql("""
				insert into leads (last_name, company, source, status, converted_account_id, converted_at)
				values ('Lead', 'Co', 'Web', 'CONVERTED', ?, now())""").param(account).update();
		jdbc.sql("insert into account_service_tiers (account_id, tier) values (?, 'GOLD')").param(account).update();
		jdbc.sql("""
				insert into customer_health (account_id, score, band, rfm_segment, computed_at)
				values (?, 50, 'WATCH', 'NEW', now())""").param(account).update();
		jdbc.sql("insert into customer_health_changes (account_id) values (?)").param(account).update();
	}

	/**
	 * A row for the lead in every table that refers to leads — its activities, a deal it
	 * became, "not a duplicate" of an {@code older} and a newer lead — and its follow-up
	 * task and notification (which name it as {@code lead:<id>}, {@code lead}/id); where
	 * a rule allows one row per lead that both may hold (marketing's scoring copy, a
	 * campaign's lead), the same for {@code other}, so the merge has to resolve it.
	 */
	void connectLead(long lead, long other, int score, boolean mql) {
		jdbc.sql("""
				insert into lead_activities (lead_id, kind, subject, occurred_at)
				values (?, 'CALL', 'Called about the merge', now() - interval '1 hour')""").param(lead).update();
		long deal = deal(account("Lead Deal Co " + unique()), null, null);
		jdbc.sql("update opportunities set lead_id = ? where id = ?").params(lead, deal).update();
		long newer = lead("Newer", "Lead " + unique(), null, null);
		for (long peer : List.of(other, newer)) {
			jdbc.sql("""
					insert into lead_duplicate_dismissals (lead_low, lead_high)
					values (least(?::bigint, ?::bigint), greatest(?::bigint, ?::bigint))""")
				.params(lead, peer, lead, peer)
				.update();
		}
		jdbc.sql(
				"""
						insert into tasks (title, due_at, assignee_id, related_ref) values ('Call back', now() + interval '1 day',
						  (select id from users where username = 'manager'), ?)""")
			.param("lead:" + lead)
			.update();
		jdbc.sql("""
				insert into notifications (recipient_id, kind, message_key, record_type, record_id, created_at)
				values ((select id from users where username = 'manager'), 'ASSIGNMENT', 'notification.assigned.lead',
				        'lead', ?, now())""").param(lead).update();
		for (long l : List.of(lead, other)) {
			jdbc.sql("insert into scored_leads (lead_id, email, score, mql) values (?, ?, ?, ?)")
				.params(l, unique() + "@scored.example", l == lead ? score : 5, l == lead && mql)
				.update();
			jdbc.sql("update leads set score = ?, mql = ? where id = ?")
				.params(l == lead ? score : 5, l == lead && mql, l)
				.update();
			jdbc.sql("insert into campaign_leads (lead_id, campaign_id) values (?, (select min(id) from campaigns))")
				.param(l)
				.update();
		}
	}

	/**
	 * Every column that holds a person's (or company's) id: the foreign keys to the table
	 * and the columns named after it ({@code …contact_id}), with or without a key.
	 */
	List<String> referencesTo(String table, String columnSuffix) {
		return jdbc.sql("""
				select c.conrelid::regclass::text || '.' || a.attname
				from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any(c.conkey)
				where c.contype = 'f' and c.confrelid = ?::regclass
				union
				select c.table_name || '.' || c.column_name from information_schema.columns c
				join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
				where c.table_schema = current_schema() and t.table_type = 'BASE TABLE' and c.column_name like ?
				  and c.table_name <> ?
				order by 1""").params(table, "%" + columnSuffix, table).query(String.class).list();
	}

	/**
	 * The rows of {@code tableColumn} (as {@link #referencesTo} names it) holding
	 * {@code id}.
	 */
	long rowsHolding(String tableColumn, long id) {
		String[] tc = tableColumn.split("\\.");
		return count("select count(*) from " + tc[0] + " where " + tc[1] + " = ?", id);
	}

}
