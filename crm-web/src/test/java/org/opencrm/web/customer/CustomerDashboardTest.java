package org.opencrm.web.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.opencrm.web.Logins.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencrm.core.health.CustomerHealth;
import org.opencrm.core.shared.KeysetPage;
import org.opencrm.core.task.TaskItem;
import org.opencrm.core.timeline.TimelineEntry;
import org.opencrm.core.user.UserService;
import org.opencrm.marketing.customer.MarketingCustomerSummary;
import org.opencrm.sales.customer.SalesCustomerSummary.Money;
import org.opencrm.sales.customer.SalesCustomerSummary;
import org.opencrm.service.customer.ServiceCustomerSummary;
import org.opencrm.test.DriverFallbacks;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Every figure on the single-customer dashboard against values worked out by hand from a
 * fixed set of rows made for this test: a customer account owned by the rep, two of its
 * people, deals in two currencies, follow-ups, tickets, ratings, e-mails, a lead score,
 * segments and timeline entries.
 */
@WebIntegrationTest
class CustomerDashboardTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	DashboardRows rows;

	String u;

	long account;

	long ann;

	long ben;

	@BeforeEach
	void fixedDataSet() {
		rows = new DashboardRows(jdbc, users);
		u = DashboardRows.unique();
		long rep = rows.user("rep");
		long rep2 = rows.user("rep2");
		account = rows.account("Figures " + u, rep);
		ann = rows.contact(account, "Ann", "Figures" + u, "ann." + u + "@figures.example", null, rep, "dash-" + u);
		ben = rows.contact(account, "Ben", "Figures" + u, null, null, rep, null);
		// Deals: open 1,000 EUR and 500 USD; won this year 2,000 EUR and 300 USD; won 400
		// days ago 4,000 EUR;
		// lost 999 EUR; and an open 777 EUR deal of another rep, which the rep doesn't
		// see.
		rows.deal(account, ann, "Open EUR " + u, "OPEN", "1000.00", "EUR", null, rep);
		rows.deal(account, null, "Open USD " + u, "OPEN", "500.00", "USD", null, rep);
		rows.deal(account, ann, "Won EUR " + u, "WON", "2000.00", "EUR", 0, rep);
		rows.deal(account, null, "Won USD " + u, "WON", "300.00", "USD", 0, rep);
		rows.deal(account, null, "Won long ago " + u, "WON", "4000.00", "EUR", 400, rep);
		rows.deal(account, null, "Lost " + u, "LOST", "999.00", "EUR", 3, rep);
		rows.deal(account, null, "Not yours " + u, "OPEN", "777.00", "EUR", null, rep2);
		// Follow-ups: the one due soonest among the open ones is next; done ones don't
		// count.
		rows.task(account, null, "Later " + u, 48, "OPEN", rep);
		rows.task(account, ann, "Next call " + u, 24, "OPEN", rep);
		rows.task(account, null, "Done " + u, 2, "DONE", rep);
		// Tickets: two complaints (one resolved) and an open incident; ratings 5 and 2
		// and one unanswered.
		long t1 = rows.ticket(account, ann, "Broken " + u, "COMPLAINT", "OPEN");
		long t2 = rows.ticket(account, ann, "Late " + u, "COMPLAINT", "RESOLVED");
		long t3 = rows.ticket(account, ben, "Question " + u, "INCIDENT", "RESOLVED");
		rows.rating(t1, account, ann, 5, 3);
		rows.rating(t2, account, ann, 2, 2);
		rows.rating(t3, account, ben, null, 1);
		// Timeline: note 3 h ago, call 2 h ago, note 1 h ago.
		rows.interaction(account, ann, "NOTE", "First note " + u, 3);
		rows.interaction(account, ann, "CALL", "The call " + u, 2);
		rows.interaction(account, null, "NOTE", "Second note " + u, 1);
		rows.health(account, 64, 60, "WATCH");
		marketingOf(ann);
	}

	/**
	 * Two campaign e-mails (opened 2 days ago, then one unopened yesterday), a score of
	 * 35, segments.
	 */
	private void marketingOf(long contact) {
		long template = jdbc.sql("""
				insert into email_templates (name, subject, html_body, text_body) values (?, 'Hi', '<p>Hi</p>', 'Hi')
				returning id
				""").param("Dash template " + u).query(Long.class).single();
		for (String name : List.of("Spring " + u, "Autumn " + u)) {
			long campaign = jdbc.sql(
					"insert into campaigns (name, type, template_id, status) values (?, 'EMAIL', ?, 'SENT') returning id")
				.params(name, template)
				.query(Long.class)
				.single();
			boolean spring = name.startsWith("Spring");
			jdbc.sql(
					"""
							insert into email_sends (campaign_id, template_id, contact_id, email, message_id, status, sent_at, opened_at)
							values (?, ?, ?, 'ann@x', ?, 'SENT', now() - make_interval(days => ?),
							        case when ? then now() - interval '2 days' end)
							""")
				.params(campaign, template, contact, "dash-" + u + "-" + name.hashCode(), spring ? 3 : 1, spring)
				.update();
		}
		jdbc.sql(
				"""
						insert into scored_leads (lead_id, email, contact_id, score, explanation, mql)
						values ((select coalesce(max(lead_id), 0) + 1000000 from scored_leads), 'ann@x', ?, 35, cast(? as jsonb), false)
						""")
			.params(contact, """
					[{"rule": 1, "label": "Industry is software", "count": 1, "points": 25},
					 {"rule": 2, "label": "Opened an e-mail", "count": 2, "points": 10}]
					""")
			.update();
		long listed = jdbc.sql("insert into segments (name, kind) values (?, 'STATIC') returning id")
			.param("Dash list " + u)
			.query(Long.class)
			.single();
		jdbc.sql("insert into segment_members (segment_id, contact_id) values (?, ?)").params(listed, contact).update();
		jdbc.sql("insert into segments (name, kind, definition) values (?, 'DYNAMIC', cast(? as jsonb))")
			.params("Dash tagged " + u,
					"{\"op\": \"AND\", \"items\": [{\"field\": \"tags\", \"operator\": \"any\", \"values\": [\"dash-"
							+ u + "\"]}]}")
			.update();
		jdbc.sql("insert into segments (name, kind, definition) values (?, 'DYNAMIC', cast(? as jsonb))")
			.params("Dash other " + u,
					"{\"op\": \"AND\", \"items\": [{\"field\": \"tags\", \"operator\": \"any\", \"values\": [\"nope-"
							+ u + "\"]}]}")
			.update();
	}

	private Map<String, Object> modelOf(String path, String user) throws Exception {
		return mvc.perform(get(path).with(as(users, user)))
			.andExpect(status().isOk())
			.andReturn()
			.getModelAndView()
			.getModel();
	}

	@Test
	void theAccountDashboardShowsEachFigureAsWorkedOutByHand() throws Exception {
		Map<String, Object> model = modelOf("/accounts/" + account, "rep");

		var sales = (SalesCustomerSummary.Summary) model.get("sales");
		assertThat(sales.openDeals()).extracting(SalesCustomerSummary.OpenDeal::name)
			.containsExactlyInAnyOrder("Open EUR " + u, "Open USD " + u);
		assertThat(sales.openCount()).isEqualTo(2);
		assertThat(sales.wonThisYear()).containsExactly(new Money("EUR", new BigDecimal("2000.00")),
				new Money("USD", new BigDecimal("300.00")));
		assertThat(sales.wonLifetime()).containsExactly(new Money("EUR", new BigDecimal("6000.00")),
				new Money("USD", new BigDecimal("300.00")));
		@SuppressWarnings("unchecked")
		var tasks = (List<TaskItem>) model.get("tasks");
		assertThat(tasks.get(0).title()).isEqualTo("Next call " + u);

		var service = (ServiceCustomerSummary.Summary) model.get("service");
		assertThat(service.tickets().complaintCount()).isEqualTo(2);
		assertThat(service.tickets().openCount()).isEqualTo(1);
		assertThat(service.tickets().totalCount()).isEqualTo(3);
		assertThat(service.csatAverage()).isEqualByComparingTo("3.50");
		assertThat(service.csatAnswered()).isEqualTo(2);
		assertThat(service.ratings()).hasSize(3);

		var marketing = (MarketingCustomerSummary.Summary) model.get("marketing");
		assertThat(marketing.emailsReceived()).isEqualTo(2);
		assertThat(marketing.opened()).isEqualTo(1);
		assertThat(marketing.lastEngagement()).isEqualTo("OPENED");
		assertThat(marketing.score().score()).isEqualTo(35);
		assertThat(marketing.score().reasons()).extracting(MarketingCustomerSummary.Reason::points)
			.containsExactly(25, 10);

		var health = (CustomerHealth) model.get("health");
		assertThat(health.score()).isEqualTo(64);
		assertThat(health.trend()).isEqualTo(4);

		@SuppressWarnings("unchecked")
		var timeline = (KeysetPage<TimelineEntry>) model.get("timeline");
		assertThat(timeline.items()).extracting(TimelineEntry::subject)
			.containsExactly("Second note " + u, "The call " + u, "First note " + u);

		mvc.perform(get("/accounts/" + account).with(as(users, "rep")))
			.andExpect(content().string(containsString("id=\"dashboard-sales\"")))
			.andExpect(content().string(containsString("€2,000.00")))
			.andExpect(content().string(containsString("Next call " + u)))
			.andExpect(content().string(containsString("id=\"service-tickets\"")))
			.andExpect(content().string(containsString("Opened an e-mail: +10")))
			.andExpect(content().string(containsString("health-score\">64<")))
			.andExpect(content().string(containsString("Second note " + u)));
	}

	@Test
	void aContactDashboardShowsTheirSegmentsScoreAndEngagementAndTheirAccountsRevenue() throws Exception {
		Map<String, Object> model = modelOf("/contacts/" + ann, "rep");

		var marketing = (MarketingCustomerSummary.Summary) model.get("marketing");
		// Demo segments may match too (e.g. dormant customers); of this test's three, the
		// list and the tag match.
		assertThat(marketing.segments()).extracting(s -> s.name())
			.filteredOn(n -> n.endsWith(u))
			.containsExactly("Dash list " + u, "Dash tagged " + u);
		assertThat(marketing.lastEngagement()).isEqualTo("OPENED");
		assertThat(marketing.score().reasons()).extracting(MarketingCustomerSummary.Reason::label)
			.containsExactly("Industry is software", "Opened an e-mail");
		assertThat(marketing.emailsReceived()).isEqualTo(2);
		// Revenue and health are the account's; tickets and ratings the person's own.
		var sales = (SalesCustomerSummary.Summary) model.get("sales");
		assertThat(sales.wonLifetime()).contains(new Money("EUR", new BigDecimal("6000.00")));
		assertThat(((CustomerHealth) model.get("health")).score()).isEqualTo(64);
		var service = (ServiceCustomerSummary.Summary) model.get("service");
		assertThat(service.tickets().totalCount()).isEqualTo(2);
		assertThat(service.tickets().complaintCount()).isEqualTo(2);
		assertThat(service.csatAverage()).isEqualByComparingTo("3.50");
		// Ben's timeline has none of Ann's entries; Ann's has hers, newest first.
		@SuppressWarnings("unchecked")
		var timeline = (KeysetPage<TimelineEntry>) model.get("timeline");
		assertThat(timeline.items()).extracting(TimelineEntry::subject)
			.containsExactly("The call " + u, "First note " + u);
	}

	@Test
	void theTimelineFiltersByKindAndPagesNewestFirst() throws Exception {
		Map<String, Object> model = modelOf("/accounts/" + account + "?kind=CALL", "rep");
		@SuppressWarnings("unchecked")
		var timeline = (KeysetPage<TimelineEntry>) model.get("timeline");
		assertThat(timeline.items()).extracting(TimelineEntry::subject).containsExactly("The call " + u);

		for (int i = 0; i < 25; i++) {
			rows.interaction(account, null, "NOTE", "Paged " + i + " " + u, 100 + i);
		}
		String page = mvc.perform(get("/accounts/" + account).with(as(users, "rep")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("hx-trigger=\"revealed\"");
		String cursor = ((KeysetPage<?>) modelOf("/accounts/" + account, "rep").get("timeline")).nextCursor();
		mvc.perform(get("/accounts/" + account + "/timeline").param("cursor", cursor).with(as(users, "rep")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Paged 24 " + u)));
	}

	/**
	 * Spring's property mapper ({@code JdbcClient.query(Type.class)}) asks pgjdbc for an
	 * {@code Instant} with {@code getObject(column, Instant.class)}, which throws (a
	 * stack trace per column and row, inside the request) before Spring falls back;
	 * JdbcUtils says so at debug level. These pages read every row without one
	 * ({@code Rows.of}).
	 */
	@Test
	void theAccountAndContactPagesReadEveryColumnWithoutADriverFallback() throws Exception {
		assertThat(DriverFallbacks.during(() -> {
			for (String path : List.of("/accounts/" + account, "/contacts/" + ann, "/contacts/" + ben)) {
				mvc.perform(get(path).with(as(users, "rep"))).andExpect(status().isOk());
			}
		})).isEmpty();
	}

}
