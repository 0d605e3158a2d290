package org.opencrm.web.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.contact.ContactCommand;
import org.opencrm.core.contact.ContactService;
import org.opencrm.core.account.AccountCommand;
import org.opencrm.core.account.AccountService;
import org.opencrm.core.shared.LifecycleStage;
import org.opencrm.core.user.UserService;
import org.opencrm.marketing.form.FormSubmissions;
import org.opencrm.marketing.form.SubmissionResult;
import org.opencrm.marketing.segment.SegmentCommand;
import org.opencrm.marketing.segment.SegmentKind;
import org.opencrm.marketing.segment.SegmentMembers.MemberQuery;
import org.opencrm.marketing.segment.SegmentNode.Criterion;
import org.opencrm.marketing.segment.SegmentNode.Group;
import org.opencrm.marketing.segment.SegmentQuery;
import org.opencrm.marketing.segment.SegmentService;
import org.opencrm.sales.opportunity.OpenOpportunity;
import org.opencrm.sales.opportunity.OpportunityOpener;
import org.opencrm.service.ticket.OpenTicket;
import org.opencrm.service.ticket.TicketChannel;
import org.opencrm.service.ticket.TicketPriority;
import org.opencrm.service.ticket.TicketService;
import org.opencrm.service.ticket.TicketType;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The modules working together through core's events and ports, in the assembled
 * application: nothing here is visible from inside any one module's own tests.
 */
@WebIntegrationTest
class CrossModuleFlowsTest {

	@Autowired
	FormSubmissions forms;

	@Autowired
	SegmentService segments;

	@Autowired
	SegmentQuery segmentQuery;

	@Autowired
	OpportunityOpener opportunities;

	@Autowired
	TicketService tickets;

	@Autowired
	AccountService accounts;

	@Autowired
	ContactService contacts;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	org.opencrm.service.mail.InboundMailService inbound;

	@Autowired
	Clock clock;

	@Test
	void aWebFormSubmissionBecomesOneSalesLeadWhichMarketingThenScores() {
		String email = "visitor-" + UUID.randomUUID() + "@example.com";

		SubmissionResult first = forms.submit("contact-us",
				Map.of("lastName", "Visitor", "email", email, "company", "Acme", "message", "Call me"), "10.9.0.1");
		SubmissionResult second = forms.submit("contact-us",
				Map.of("lastName", "Visitor", "email", email, "company", "Acme", "message", "Call me again"),
				"10.9.0.2");

		assertThat(first.outcome()).isEqualTo(SubmissionResult.Outcome.ACCEPTED);
		assertThat(second.outcome()).isEqualTo(SubmissionResult.Outcome.ACCEPTED);
		// Sales handles LeadCaptureRequested after marketing's commit: one lead per
		// address, however often sent.
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(jdbc
				.sql("select count(*) from leads where lower(email) = ? and source = 'web-form' and status = 'NEW'")
				.param(email)
				.query(Long.class)
				.single()).isEqualTo(1L));
		// …and the LeadCreated that sales publishes reaches marketing's scoring.
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(jdbc
				.sql("select count(*) from scored_leads s join leads l on l.id = s.lead_id where lower(l.email) = ?")
				.param(email)
				.query(Long.class)
				.single()).isEqualTo(1L));
	}

	@Test
	void segmentsFindContactsWithAnOpenDealOrAnOpenTicketThroughTheOtherModulesCriteria() {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		long rep = users.loadUserByUsername("rep").id();
		long account = accounts.create(new AccountCommand("Flows " + tag, null, null, null, null, null, null, null,
				null, null, LifecycleStage.OPPORTUNITY, rep, List.of(), 0));
		long buyer = contact("Buyer", tag, account, rep);
		long colleague = contact("Colleague", tag, account, rep);
		long caller = contact("Caller", tag, null, rep);
		long quiet = contact("Quiet", tag, null, rep);

		opportunities.open(new OpenOpportunity("Flows deal " + tag, account, buyer, null, null, new BigDecimal("1000"),
				"EUR", LocalDate.now(clock).plusDays(30), rep, null, null, null));
		tickets.open(new OpenTicket(TicketChannel.PHONE, caller, null, null, null, "Printer on fire " + tag,
				"It smokes.", TicketType.INCIDENT, TicketPriority.HIGH, null, null, null, null, null, null, null));

		List<Long> mine = List.of(buyer, colleague, caller, quiet);
		assertThat(members("has-open-deal", tag, mine)).containsExactlyInAnyOrder(buyer, colleague);
		assertThat(members("has-open-ticket", tag, mine)).containsExactly(caller);
	}

	@Test
	void aReplyToASequenceMailTakesThePersonOutOfTheSequenceAndBecomesATicket() {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		long rep = users.loadUserByUsername("rep").id();
		long replier = contact("Replier", tag, null, rep);
		long silent = contact("Silent", tag, null, rep);
		long sequence = jdbc.sql("insert into sequences (name) values (?) returning id")
			.param("Nurture " + tag)
			.query(Long.class)
			.single();
		long template = jdbc.sql("select min(id) from email_templates").query(Long.class).single();
		String sentId = "<s" + tag + ".1@opencrm.local>";
		for (long contact : List.of(replier, silent)) {
			long enrolment = jdbc.sql("""
					insert into sequence_enrolments (sequence_id, contact_id, position, next_run_at)
					values (?, ?, 2, now() + interval '3 days') returning id
					""").params(sequence, contact).query(Long.class).single();
			jdbc.sql("""
					insert into email_sends (enrolment_id, step_position, template_id, contact_id, email, message_id,
					                          status, sent_at)
					select ?, 1, ?, id, email, ?, 'SENT', now() from contacts where id = ?
					""")
				.params(enrolment, template, contact == replier ? sentId : "<s" + tag + ".2@opencrm.local>", contact)
				.update();
		}
		String raw = """
				From: Replier Flows <replier-%s@example.com>
				To: support@opencrm.local
				Subject: Re: Getting started
				Message-ID: <reply-%s@example.com>
				In-Reply-To: %s
				References: %s
				Content-Type: text/plain; charset=UTF-8

				Sounds good, please call me.
				""".formatted(tag, tag, sentId, sentId).replace("\n", "\r\n");

		inbound.store("support@opencrm.local", raw.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		inbound.processPending();

		// Service keeps the mail (as a ticket) and tells core; marketing notices it
		// answers its mail.
		assertThat(jdbc.sql("select status from inbound_emails where message_id like ?")
			.param("%reply-" + tag + "%")
			.query(String.class)
			.single()).isEqualTo("PROCESSED");
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(jdbc.sql("""
					select c.first_name || ':' || e.status || ':' || coalesce(e.stop_reason, '-')
					from sequence_enrolments e join contacts c on c.id = e.contact_id
					where e.sequence_id = ? order by c.first_name
					""").param(sequence).query(String.class).list()).containsExactly("Replier:STOPPED:REPLIED",
					"Silent:ACTIVE:-"));
	}

	private long contact(String first, String tag, Long account, long owner) {
		return contacts.create(
				new ContactCommand(first, "Flows" + tag, null, first.toLowerCase() + "-" + tag + "@example.com", null,
						null, null, null, null, null, account, LifecycleStage.LEAD, owner, List.of(), true, false, 0));
	}

	private List<Long> members(String criterion, String tag, List<Long> among) {
		long segment = segments.create(new SegmentCommand(criterion + " " + tag, null, SegmentKind.DYNAMIC,
				Group.and(Criterion.of(criterion, "has")), 0));
		MemberQuery query = segmentQuery.query(segment);
		List<Object> params = new ArrayList<>(query.params());
		params.add(among.toArray(Long[]::new));
		return jdbc.sql("select contact_id from (" + query.sql() + ") m where contact_id = any(?)")
			.params(params)
			.query(Long.class)
			.list();
	}

}
