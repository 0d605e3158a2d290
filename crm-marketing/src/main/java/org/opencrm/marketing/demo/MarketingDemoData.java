package org.opencrm.marketing.demo;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.opencrm.core.demo.DemoContext;
import org.opencrm.core.demo.DemoDataContributor;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Marketing's part of the demo company: three templates, four campaigns (one sent, with
 * its recipients, opens and clicks written in bulk SQL rather than sent), and an
 * onboarding sequence with contacts at different steps. Needs nothing from the segments
 * feature.
 */
@Component
@Order(40)
class MarketingDemoData implements DemoDataContributor {

	private static final String FOOTER = "<p>{{owner.signature}}</p>\n<p><small><a href=\"{{unsubscribeUrl}}\">Unsubscribe</a></small></p>\n</body>\n</html>";

	private final JdbcTemplate jdbc;

	private final Clock clock;

	MarketingDemoData(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public void contribute(DemoContext ctx) {
		Instant now = clock.instant();
		long launch = template("Product launch", "{{contact.firstName}}, meet our new platform",
				"<html>\n<body>\n<h1>Something new for {{account.name}}</h1>\n<p>Dear {{contact.firstName}},</p>\n"
						+ "<p>Our new platform is here. <a href=\"https://opencrm.example/launch\">See what it does</a>.</p>\n"
						+ FOOTER,
				"Dear {{contact.firstName}},\n\nOur new platform is here: https://opencrm.example/launch\n\n{{owner.signature}}\n\nUnsubscribe: {{unsubscribeUrl}}");
		long newsletter = template("Monthly newsletter", "News for {{account.name}}",
				"<html>\n<body>\n<p>Hello {{contact.firstName}},</p>\n<p>Here is what happened this month. "
						+ "<a href=\"https://opencrm.example/blog\">Read the blog</a>.</p>\n" + FOOTER,
				"Hello {{contact.firstName}},\n\nHere is what happened this month: https://opencrm.example/blog\n\n{{owner.signature}}\n\nUnsubscribe: {{unsubscribeUrl}}");
		long welcome = template("Welcome", "Welcome, {{contact.firstName}}",
				"<html>\n<body>\n<p>Welcome {{contact.firstName}} {{contact.lastName}}!</p>\n"
						+ "<p>Your contact at {{account.name}} is {{owner.fullName}}.</p>\n" + FOOTER,
				"Welcome {{contact.firstName}} {{contact.lastName}}!\n\n{{owner.signature}}\n\nUnsubscribe: {{unsubscribeUrl}}");

		long marketer = ctx.user("marketer");
		Timestamp sentAt = Timestamp.from(now.minus(Duration.ofDays(20)));
		Long sent = jdbc.queryForObject(
				"""
						insert into campaigns (name, type, status, budget, currency, starts_on, ends_on, template_id, scheduled_at,
						                       sending_started_at, sent_at, owner_id, created_at, updated_at)
						values ('Spring product launch', 'EMAIL', 'SENT', 5000, 'EUR', cast(? as date), cast(? as date), ?, ?, ?, ?, ?, ?, ?)
						returning id
						""",
				Long.class, sentAt, Timestamp.from(now.minus(Duration.ofDays(5))), launch, sentAt, sentAt, sentAt,
				marketer, Timestamp.from(now.minus(Duration.ofDays(30))), sentAt);
		// Recipients: every consenting contact with a plausible address, one per address
		// (as a real send would pick).
		jdbc.update(
				"""
						insert into email_sends (campaign_id, template_id, contact_id, email, message_id, status, sent_at,
						                          touch_recorded, opened_at, clicked_at, created_at, updated_at)
						select ?, ?, e.id, e.email, '<demo.' || e.id || '.' || replace(gen_random_uuid()::text, '-', '') || '@opencrm.local>',
						       'SENT', ?, true,
						       case when e.id % 10 < 4 then cast(? as timestamptz) + (e.id % 72) * interval '1 hour' end,
						       case when e.id % 10 < 1 then cast(? as timestamptz) + (e.id % 72 + 1) * interval '1 hour' end, ?, ?
						from (select distinct on (lower(email)) id, lower(email) as email from contacts
						      where consent_email and email like '%@%' order by lower(email), id) e
						""",
				sent, launch, sentAt, sentAt, sentAt, sentAt, sentAt);
		jdbc.update(
				"""
						insert into interactions (kind, occurred_at, account_id, contact_id, subject_key, subject_args, source_module, source_ref)
						select 'CAMPAIGN', o.opened_at, c.account_id, o.contact_id, 'timeline.campaign.opened',
						       '[{"text": "Spring product launch"}]'::jsonb,
						       'marketing', 'campaign:' || o.campaign_id
						from email_sends o join contacts c on c.id = o.contact_id where o.campaign_id = ? and o.opened_at is not null
						""",
				sent);
		jdbc.update(
				"""
						insert into interactions (kind, occurred_at, account_id, contact_id, subject_key, subject_args, source_module, source_ref)
						select 'CAMPAIGN', o.clicked_at, c.account_id, o.contact_id, 'timeline.campaign.clicked',
						       '[{"text": "Spring product launch"}]'::jsonb,
						       'marketing', 'campaign:' || o.campaign_id
						from email_sends o join contacts c on c.id = o.contact_id where o.campaign_id = ? and o.clicked_at is not null
						""",
				sent);
		jdbc.update("""
				insert into campaigns (name, type, status, budget, currency, starts_on, template_id, owner_id)
				values ('Monthly newsletter – next issue', 'EMAIL', 'DRAFT', null, null, cast(? as date), ?, ?)
				""", Timestamp.from(now.plus(Duration.ofDays(7))), newsletter, marketer);
		jdbc.update(
				"""
						insert into campaigns (name, type, status, budget, currency, starts_on, ends_on, owner_id)
						values ('Webinar: automating follow-ups', 'WEBINAR', 'DRAFT', 1200, 'EUR', cast(? as date), cast(? as date), ?)
						""",
				Timestamp.from(now.plus(Duration.ofDays(14))), Timestamp.from(now.plus(Duration.ofDays(14))), marketer);
		jdbc.update(
				"""
						insert into campaigns (name, type, status, budget, currency, starts_on, ends_on, owner_id)
						values ('Trade fair 2026 booth', 'EVENT', 'CANCELLED', 15000, 'EUR', cast(? as date), cast(? as date), ?)
						""",
				Timestamp.from(now.minus(Duration.ofDays(60))), Timestamp.from(now.minus(Duration.ofDays(57))),
				marketer);

		Long sequence = jdbc.queryForObject(
				"""
						insert into sequences (name, enrol_tag, enrol_on_lead_converted) values ('Onboarding', 'onboarding', true)
						returning id
						""",
				Long.class);
		Object[][] steps = { { 1, "SEND", welcome, null, null, null, null, null, null },
				{ 2, "WAIT", null, 3, null, null, null, null, null },
				{ 3, "BRANCH", null, null, "OPENED", 4, 6, null, null },
				{ 4, "TAG", null, null, null, null, null, "engaged", null },
				{ 5, "SEND", newsletter, null, null, null, null, null, null },
				{ 6, "TASK", null, null, null, null, null, null, "Call about getting started" } };
		for (Object[] s : steps) {
			jdbc.update(
					"""
							insert into sequence_steps (sequence_id, position, kind, template_id, wait_days, branch_on, then_step,
							                            else_step, tag, task_title)
							values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
							""",
					sequence, s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8]);
		}
		// Thirty recent leads walking the sequence; the next steps fall due over the
		// coming days.
		jdbc.update(
				"""
						insert into sequence_enrolments (sequence_id, contact_id, position, next_run_at, created_at, updated_at)
						select ?, id, case when rn % 3 = 0 then 3 else 1 end, cast(? as timestamptz) + (1 + rn % 3) * interval '1 day', ?, ?
						from (select id, row_number() over (order by id) as rn from contacts
						      where lifecycle_stage in ('LEAD', 'SUBSCRIBER') and consent_email order by id limit 30) c
						""",
				sequence, Timestamp.from(now), Timestamp.from(now), Timestamp.from(now));
	}

	private long template(String name, String subject, String html, String text) {
		return jdbc.queryForObject("""
				insert into email_templates (name, subject, html_body, text_body) values (?, ?, ?, ?) returning id
				""", Long.class, name, subject, html, text);
	}

}
