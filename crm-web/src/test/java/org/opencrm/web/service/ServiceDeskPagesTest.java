package org.opencrm.web.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.opencrm.web.Logins.as;
import static org.opencrm.web.PageStatements.statementsFor;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.service.sla.SlaMonitor;
import org.opencrm.service.ticket.OpenTicket;
import org.opencrm.service.ticket.TicketChannel;
import org.opencrm.service.ticket.TicketLookup;
import org.opencrm.service.ticket.TicketService;
import org.opencrm.service.ticket.TicketStatus;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

@WebIntegrationTest
class ServiceDeskPagesTest {

	static final int MAX_STATEMENTS = 15;

	static final java.util.concurrent.atomic.AtomicInteger BATCH = new java.util.concurrent.atomic.AtomicInteger();

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	TicketService tickets;

	@Autowired
	TicketLookup ticketLookup;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SlaMonitor monitor;

	private long newTicket(String subject) {
		return tickets
			.open(OpenTicket.fromEmail(TicketChannel.EMAIL, "web-" + System.nanoTime() + "@example.com", "Wendy Web",
					subject, "Please help"))
			.id();
	}

	/** 100 more active tickets in the agent's queue, in one statement. */
	private void hundredMoreTickets() {
		long agent = users.loadUserByUsername("agent").id();
		jdbc.sql("""
				insert into tickets (number, subject, type, priority, status, channel, assignee_id, queue_id, opened_at,
				  resolution_due_at, queue_sort_at)
				select 'X' || ? || '-' || g, 'Bulk ' || g, 'INCIDENT', 'HIGH', 'OPEN',
				  'EMAIL', case when g % 2 = 0 then ? end,
				  (select min(queue_id) from service_queue_members where user_id = ?), now(),
				  now() + (g || ' minutes')::interval, now() + (g || ' minutes')::interval
				from generate_series(1, 100) g
				""").params(BATCH.incrementAndGet(), agent, agent).update();
	}

	@Test
	void theAgentQueueReadsTheSameFewStatementsWhateverTheTicketCount() throws Exception {
		for (String view : new String[] { "MINE", "MY_QUEUES", "UNASSIGNED" }) {
			int before = statementsFor(mvc, users, "/service/queue?view=" + view, "agent");
			int boardBefore = statementsFor(mvc, users, "/service/queue/board?view=" + view + "&priority=HIGH",
					"agent");
			hundredMoreTickets();
			assertThat(statementsFor(mvc, users, "/service/queue?view=" + view, "agent")).isEqualTo(before)
				.isLessThanOrEqualTo(MAX_STATEMENTS);
			assertThat(statementsFor(mvc, users, "/service/queue/board?view=" + view + "&priority=HIGH", "agent"))
				.isEqualTo(boardBefore)
				.isLessThanOrEqualTo(MAX_STATEMENTS);
		}
		assertThat(statementsFor(mvc, users, "/service/queue?view=ALL", "manager")).isLessThanOrEqualTo(MAX_STATEMENTS);
	}

	@Test
	void theQueuePagePollsItsBoardAndOffersNextTicket() throws Exception {
		mvc.perform(get("/service/queue").with(as(users, "agent")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("hx-trigger=\"every 30s\"")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"next-ticket\"")));
		mvc.perform(get("/service/queue/board?view=UNASSIGNED").with(as(users, "agent")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"queue-board\"")))
			.andExpect(content()
				.string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("<nav class=\"navbar"))));
	}

	@Test
	void eachQueueRowSaysWhichDeadlineItShows() throws Exception {
		mvc.perform(get("/service/queue?view=ALL").with(as(users, "manager")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("Next SLA deadline")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("First response · ")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("Resolution · ")));
	}

	@Test
	void nextTicketClaimsOneAndOpensIt() throws Exception {
		String ticket = mvc.perform(post("/service/queue/next").with(as(users, "agent2")).with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrlPattern("/service/tickets/*?claimed=true"))
			// no flash attribute: the claim writes nothing to the session
			.andExpect(flash().attributeCount(0))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		mvc.perform(get(ticket).with(as(users, "agent2")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("The ticket is yours.")));
		assertThat(jdbc.sql("select assignee_id from tickets where id = ?")
			.param(Long.parseLong(ticket.replaceAll("\\D", "")))
			.query(Long.class)
			.single()).isEqualTo(users.loadUserByUsername("agent2").id());
	}

	@Test
	void theTicketPageShowsConversationSlaAndActions() throws Exception {
		long id = newTicket("Screen flickers");

		mvc.perform(get("/service/tickets/" + id).with(as(users, "agent")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("Screen flickers")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"sla\"")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"reply-form\"")));
		assertThat(statementsFor(mvc, users, "/service/tickets/" + id, "agent")).isLessThanOrEqualTo(MAX_STATEMENTS);
	}

	@Test
	void breachesOfTheDemoQueueAreRecordedOnceAndShownOnTheTicketPage() throws Exception {
		// The demo's live tickets were opened in the last 40 wall-clock hours; on a
		// weekend none is past its
		// business-hours due time yet, so one is made overdue whatever the day.
		jdbc.sql("""
				update tickets set first_responded_at = null, first_response_warn_at = now() - interval '2 hours',
				       first_response_due_at = now() - interval '1 hour', sla_next_check_at = now() - interval '2 hours'
				where id = (select min(id) from tickets where status in ('NEW', 'OPEN') and sla_policy_id is not null)
				""").update();
		monitor.scan();
		monitor.scan();
		long breached = jdbc.sql("select min(ticket_id) from sla_events where kind = 'BREACH'")
			.query(Long.class)
			.single();

		assertThat(jdbc.sql("""
				select count(*) from (select ticket_id, metric, kind from sla_events
				group by ticket_id, metric, kind having count(*) > 1) d
				""").query(Long.class).single()).isZero();
		mvc.perform(get("/service/tickets/" + breached).with(as(users, "agent")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"sla-events\"")));
		// The escalation's note is a key: each reader sees it in their language.
		long noted = jdbc.sql("""
				select min(ticket_id) from ticket_messages where body_key like 'ticket.note.slaBreached.%'
				""").query(Long.class).single();
		mvc.perform(get("/service/tickets/" + noted).locale(java.util.Locale.GERMAN).with(as(users, "agent")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("SLA verletzt (")));
		mvc.perform(get("/service/tickets/" + noted).locale(java.util.Locale.ENGLISH).with(as(users, "agent")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("SLA breached (")));
	}

	@Test
	void aCannedReplyIsFilledWithTheTicketsMergeFields() throws Exception {
		long id = newTicket("Canned test");
		long canned = jdbc.sql("select min(id) from canned_replies").query(Long.class).single();
		String number = ticketLookup.details(id).number();

		mvc.perform(get("/service/tickets/" + id + "/reply-box?canned=" + canned).with(as(users, "agent")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("Hello Wendy")))
			.andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("{{"))));
		assertThat(number).startsWith("T-");
	}

	@Test
	void aReplyWithAProgramAttachedIsRefusedOnThePageAndNothingIsWritten() throws Exception {
		long id = newTicket("Virus?");
		MockMultipartFile exe = new MockMultipartFile("files", "tool.exe", "application/octet-stream",
				new byte[] { 'M', 'Z' });

		mvc.perform(multipart("/service/tickets/" + id + "/reply").file(exe)
			.param("body", "Here is the tool")
			.with(as(users, "agent"))
			.with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("flashError", "ticket.attachment.forbidden"));

		assertThat(jdbc.sql("select count(*) from ticket_messages where ticket_id = ?")
			.param(id)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void aReplyWithAFileIsStoredAndDownloadable() throws Exception {
		long id = newTicket("Invoice copy");
		MockMultipartFile pdf = new MockMultipartFile("files", "invoice.pdf", "application/pdf", "%PDF-1.4".getBytes());

		mvc.perform(multipart("/service/tickets/" + id + "/reply").file(pdf)
			.param("body", "Attached")
			.with(as(users, "agent"))
			.with(csrf())).andExpect(flash().attribute("flash", "flash.ticket.replied"));

		long file = jdbc.sql("select id from ticket_attachments where ticket_id = ?")
			.param(id)
			.query(Long.class)
			.single();
		mvc.perform(get("/service/tickets/" + id + "/attachments/" + file).with(as(users, "agent")))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.startsWith("attachment")));
	}

	@Test
	void aStatusTheRulesDontAllowIsRefusedWithAMessage() throws Exception {
		long id = newTicket("Jump to closed");
		long version = ticketLookup.details(id).version();

		mvc.perform(post("/service/tickets/" + id + "/status").param("status", "CLOSED")
			.param("version", Long.toString(version))
			.with(as(users, "agent"))
			.with(csrf()))
			.andExpect(redirectedUrl("/service/tickets/" + id))
			.andExpect(flash().attribute("flashError", "ticket.status.notAllowed"));
		assertThat(ticketLookup.details(id).status()).isEqualTo(TicketStatus.NEW);
	}

	/**
	 * The conflict page links to the ticket (the status action answers POST only) and
	 * shows what the agent sent, to apply again.
	 */
	@Test
	void aStaleStatusChangeShowsTheConflictPageWithTheTicketAndWhatWasSent() throws Exception {
		long id = newTicket("Changed meanwhile");
		long version = ticketLookup.details(id).version();
		mvc.perform(post("/service/tickets/" + id + "/status").param("status", "OPEN")
			.param("version", Long.toString(version))
			.with(as(users, "agent"))
			.with(csrf())).andExpect(redirectedUrl("/service/tickets/" + id));

		mvc.perform(post("/service/tickets/" + id + "/status").param("status", "PENDING_CUSTOMER")
			.param("version", Long.toString(version))
			.with(as(users, "agent"))
			.with(csrf()))
			.andExpect(status().isConflict())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("href=\"/service/tickets/" + id + "\"")))
			// What was sent, in words (the conflict page names fields and values by their
			// labels).
			.andExpect(content().string(org.hamcrest.Matchers.containsString("Pending customer")))
			.andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("/status\""))));
		mvc.perform(get("/service/tickets/" + id).with(as(users, "agent"))).andExpect(status().isOk());
		assertThat(ticketLookup.details(id).status()).isEqualTo(TicketStatus.OPEN);
	}

	@Test
	void openingATicketWithoutSubjectOrCustomerShowsTheFormAgain() throws Exception {
		mvc.perform(post("/service/tickets").param("subject", "")
			.param("email", "")
			.param("channel", "PHONE")
			.param("type", "COMPLAINT")
			.param("priority", "HIGH")
			.with(as(users, "agent"))
			.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("is-invalid")));
		mvc.perform(post("/service/tickets").param("subject", "Broken")
			.param("email", "new-caller@example.com")
			.param("channel", "PHONE")
			.param("type", "SOON")
			.param("priority", "HIGH")
			.with(as(users, "agent"))
			.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("is-invalid")));
	}

	@Test
	void aPhoneTicketIsOpenedAndRoutedByTheDemoRules() throws Exception {
		mvc.perform(post("/service/tickets").param("subject", "I want a refund")
			.param("email", "caller@example.com")
			.param("name", "Carl Caller")
			.param("channel", "PHONE")
			.param("type", "PRODUCT_RETURN")
			.param("priority", "NORMAL")
			.with(as(users, "agent"))
			.with(csrf())).andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("""
				select q.name from tickets t join service_queues q on q.id = t.queue_id
				where t.subject = 'I want a refund' order by t.id desc limit 1
				""").query(String.class).single()).isEqualTo("Returns");
	}

	@Test
	void customerPagesShowTheServiceBlock() throws Exception {
		long account = jdbc.sql("select account_id from tickets where account_id is not null order by id limit 1")
			.query(Long.class)
			.single();

		// An agent: sees every customer (a rep only their own and unowned ones).
		mvc.perform(get("/accounts/" + account).with(as(users, "agent")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"service-tickets\"")));
	}

	@Test
	void salesRepsDontWorkTheQueueAndOnlyAdminsSeeTheDeskSettings() throws Exception {
		mvc.perform(get("/service/queue").with(as(users, "rep"))).andExpect(status().isForbidden());
		mvc.perform(get("/admin/sla").with(as(users, "agent"))).andExpect(status().isForbidden());
		for (String page : new String[] { "/admin/queues", "/admin/routing", "/admin/sla", "/service/canned",
				"/service/tickets", "/service/tickets/new" }) {
			mvc.perform(get(page).with(as(users, "admin"))).andExpect(status().isOk());
		}
	}

	@Test
	void theBusinessCalendarNamesItsDaysInTheReadersLanguage() throws Exception {
		mvc.perform(get("/admin/sla").locale(Locale.GERMAN).with(as(users, "admin")))
			.andExpect(content().string(containsString(">Montag</td>")))
			.andExpect(content().string(containsString(">Sonntag</td>")))
			.andExpect(content().string(not(containsString(">MONDAY<"))));
		mvc.perform(get("/admin/sla").locale(Locale.ENGLISH).with(as(users, "admin")))
			.andExpect(content().string(containsString(">Monday</td>")))
			.andExpect(content().string(not(containsString(">MONDAY<"))));
	}

	@Test
	void adminFormsRefuseBadInputWithAMessage() throws Exception {
		mvc.perform(post("/admin/queues").param("name", " ").with(as(users, "admin")).with(csrf()))
			.andExpect(flash().attribute("flashError", "queue.name.required"));
		mvc.perform(post("/admin/routing").param("name", "No target").with(as(users, "admin")).with(csrf()))
			.andExpect(flash().attribute("flashError", "routing.target.required"));
		long calendar = jdbc.sql("select min(id) from business_calendars").query(Long.class).single();
		mvc.perform(post("/admin/sla/policies").param("name", "Backwards")
			.param("priority", "LOW")
			.param("tier", "GOLD")
			.param("calendarId", Long.toString(calendar))
			.param("firstResponseMinutes", "100")
			.param("resolutionMinutes", "50")
			.with(as(users, "admin"))
			.with(csrf())).andExpect(flash().attribute("flashError", "sla.policy.targets.order"));
		mvc.perform(post("/admin/sla/calendars/" + calendar).param("timeZone", "Mars/Olympus")
			.param("version", "0")
			.with(as(users, "admin"))
			.with(csrf())).andExpect(flash().attribute("flashError", "sla.calendar.zone.invalid"));
	}

	@Test
	void ticketActionsWithBadInputSayWhyAndChangeNothing() throws Exception {
		long id = newTicket("Bad input");
		long version = ticketLookup.details(id).version();

		mvc.perform(post("/service/tickets/" + id + "/merge").param("target", "T-999999")
			.with(as(users, "agent"))
			.with(csrf())).andExpect(flash().attribute("flashError", "ticket.merge.unknown"));
		mvc.perform(post("/service/tickets/" + id).param("subject", " ")
			.param("type", "COMPLAINT")
			.param("priority", "HIGH")
			.param("version", Long.toString(version))
			.with(as(users, "agent"))
			.with(csrf())).andExpect(flash().attribute("flashError", "ticket.edit.invalid"));
		mvc.perform(post("/service/tickets/" + id + "/reply").param("body", " ").with(as(users, "agent")).with(csrf()))
			.andExpect(flash().attribute("flashError", "ticket.reply.required"));
		mvc.perform(post("/service/queue/bulk").param("action", "STATUS").with(as(users, "agent")).with(csrf()))
			.andExpect(flash().attribute("flashError", "queue.bulk.nothing"));
		mvc.perform(post("/service/queue/bulk").param("ids", Long.toString(id))
			.param("action", "PRIORITY")
			.param("value", "SOON")
			.with(as(users, "agent"))
			.with(csrf())).andExpect(flash().attribute("flashError", "queue.bulk.valueMissing"));
		mvc.perform(post("/service/canned").param("title", "").param("body", "").with(as(users, "agent")).with(csrf()))
			.andExpect(flash().attribute("flashError", "canned.required"));

		var after = ticketLookup.details(id);
		assertThat(after.subject()).isEqualTo("Bad input");
		assertThat(after.version()).isEqualTo(version);
		assertThat(after.conversation()).hasSize(1);
	}

	@Test
	void bulkActionsChangeTheTickedTickets() throws Exception {
		long a = newTicket("Bulk a");
		long b = newTicket("Bulk b");

		mvc.perform(post("/service/queue/bulk").param("ids", Long.toString(a), Long.toString(b))
			.param("action", "PRIORITY")
			.param("value", "URGENT")
			.param("returnTo", "/service/queue?view=ALL")
			.with(as(users, "manager"))
			.with(csrf()))
			.andExpect(redirectedUrl("/service/queue?view=ALL"))
			.andExpect(flash().attribute("flash", "queue.bulk.done"));

		assertThat(ticketLookup.details(a).priority().name()).isEqualTo("URGENT");
		assertThat(ticketLookup.details(b).priority().name()).isEqualTo("URGENT");
	}

	@Test
	void anAccountsServiceTierIsSetFromItsServiceBlock() throws Exception {
		long account = jdbc.sql("select max(id) from accounts").query(Long.class).single();

		mvc.perform(post("/service/customers/accounts/" + account + "/tier").param("tier", "PLATINUM")
			.with(as(users, "agent"))
			.with(csrf())).andExpect(redirectedUrl("/accounts/" + account));
		mvc.perform(post("/service/customers/accounts/" + account + "/tier").with(as(users, "agent")).with(csrf()))
			.andExpect(flash().attribute("flashError", "tier.required"));
		mvc.perform(post("/service/customers/accounts/" + account + "/tier").param("tier", "GOLD")
			.with(as(users, "rep"))
			.with(csrf())).andExpect(status().isForbidden());

		assertThat(jdbc.sql("select tier from account_service_tiers where account_id = ?")
			.param(account)
			.query(String.class)
			.single()).isEqualTo("PLATINUM");
	}

	@Test
	void theTicketListAndTheQueueKeepTheChosenFiltersSelected() throws Exception {
		for (String page : new String[] { "/service/tickets", "/service/queue" }) {
			String html = mvc
				.perform(get(page).param("status", "OPEN")
					.param("priority", "HIGH")
					.param("type", "COMPLAINT")
					.with(as(users, "agent")))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(html).as(page)
				.contains("<option value=\"OPEN\" selected=\"selected\">Open</option>")
				.contains("<option value=\"HIGH\" selected=\"selected\">High</option>")
				.contains("<option value=\"COMPLAINT\" selected=\"selected\">Complaint</option>")
				.contains("<option value=\"\">Any priority</option>")
				.doesNotContain("<option value=\"LOW\" selected");
		}
	}

	/**
	 * The queue writes its rows flat (QueueLine) for speed: its quick-edit cells must
	 * stay the markup of service/ticket/inline :: cell, which the ticket page uses.
	 */
	@Test
	void theQueueMarksUpARowsQuickEditsAsTheTicketPageDoes() throws Exception {
		long id = newTicket("Markup check");
		jdbc.sql("update tickets set queue_sort_at = timestamptz '2000-01-01', priority = 'URGENT' where id = ?")
			.param(id)
			.update();
		String queue = html("/service/queue?view=ALL");
		String ticket = html("/service/tickets/" + id);
		for (String field : new String[] { "status", "priority", "assignee" }) {
			assertThat(inlineCell(queue, id, field)).as(field)
				.contains("hx-get=\"/service/tickets/" + id + "/inline/" + field + "\"")
				.isEqualTo(inlineCell(ticket, id, field));
		}
		assertThat(inlineCell(queue, id, "priority")).contains("<span class=\"badge text-bg-danger\">Urgent</span>");
	}

	/**
	 * The queue writes its deadline badges flat too (QueueLine, with TicketBadges'
	 * colours): in every state a deadline can be in they must stay the markup of
	 * service/ticket/badges :: deadline, which a contact's service block uses.
	 */
	@Test
	void theQueueMarksUpEveryDeadlineStateAsTheContactPageDoes() throws Exception {
		record Case(String state, String sql, String expected) {
		}
		String future = "now() + interval '2 days'";
		java.util.List<Case> cases = java.util.List.of(new Case("on track",
				"first_response_due_at = null, resolution_warn_at = now() + interval '1 day', resolution_due_at = "
						+ future,
				"badge sla-badge text-bg-light\" title=\""),
				new Case("due soon",
						"first_response_due_at = null, resolution_warn_at = now() - interval '1 hour', "
								+ "resolution_due_at = " + future,
						"badge sla-badge text-bg-warning\" title=\""),
				new Case("overdue",
						"first_response_warn_at = now() - interval '2 hours', "
								+ "first_response_due_at = now() - interval '1 hour', first_responded_at = null",
						"badge sla-badge text-bg-danger\" title=\""),
				new Case("paused",
						"first_response_due_at = null, resolution_due_at = " + future + ", sla_paused_at = now()",
						"badge sla-badge text-bg-secondary\" title=\""),
				new Case("no target", "first_response_due_at = null, resolution_due_at = null",
						"badge sla-badge text-bg-light\">No target<"),
				new Case("first reply late", "first_response_due_at = now() - interval '2 hours', "
						+ "first_responded_at = now() - interval '1 hour', resolution_warn_at = null, resolution_due_at = "
						+ future, "sla-first-missed"));
		java.util.Map<Case, Long> ids = new java.util.LinkedHashMap<>();
		for (Case c : cases) {
			long id = newTicket("Deadline " + c.state());
			jdbc.sql("update tickets set queue_sort_at = timestamptz '2000-01-01', " + c.sql() + " where id = ?")
				.param(id)
				.update();
			ids.put(c, id);
		}
		String queue = html("/service/queue?view=ALL");
		for (var e : ids.entrySet()) {
			long id = e.getValue();
			long contact = jdbc.sql("select contact_id from tickets where id = ?").param(id).query(Long.class).single();
			String onQueue = deadline(queue, id);
			assertThat(onQueue).as(e.getKey().state())
				.contains(e.getKey().expected())
				.isEqualTo(deadline(html("/contacts/" + contact), id));
		}
	}

	/** The deadline badges after a ticket's link, their white space folded. */
	private static String deadline(String html, long id) {
		int link = html.indexOf("href=\"/service/tickets/" + id + "\"");
		assertThat(link).as("ticket " + id + " listed").isPositive();
		int start = html.indexOf("<span class=\"sla-deadline\">", link);
		assertThat(start).isPositive();
		int depth = 0;
		int at = start;
		do {
			int open = html.indexOf("<span", at + 1);
			int close = html.indexOf("</span>", at + 1);
			if (open >= 0 && open < close) {
				depth++;
				at = open;
			}
			else {
				depth--;
				at = close;
			}
		}
		while (depth >= 0);
		return html.substring(start, at + "</span>".length()).replaceAll("\\s+", " ");
	}

	private String html(String path) throws Exception {
		return mvc.perform(get(path).with(as(users, "manager")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	/** The quick-edit cell of a ticket's field, its white space folded. */
	private static String inlineCell(String html, long id, String field) {
		int at = html.indexOf("id=\"ticket-" + id + "-" + field + "\"");
		assertThat(at).as(field).isPositive();
		int start = html.lastIndexOf("<span class=\"inline-cell\"", at);
		int end = html.indexOf("</a></span>", at) + "</a></span>".length();
		return html.substring(start, end).replaceAll("\\s+", " ");
	}

}
