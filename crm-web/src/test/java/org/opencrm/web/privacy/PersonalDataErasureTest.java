package org.opencrm.web.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.opencrm.web.Logins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.account.AccountCommand;
import org.opencrm.core.account.AccountService;
import org.opencrm.core.contact.ConsentNote;
import org.opencrm.core.contact.ConsentSource;
import org.opencrm.core.contact.ContactCommand;
import org.opencrm.core.contact.ContactLookup;
import org.opencrm.core.contact.ContactService;
import org.opencrm.core.shared.LifecycleStage;
import org.opencrm.core.task.CreateTask;
import org.opencrm.core.task.TaskService;
import org.opencrm.core.timeline.InteractionKind;
import org.opencrm.core.timeline.RecordInteraction;
import org.opencrm.core.timeline.TimelineService;
import org.opencrm.core.timeline.TimelineText;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.UserService;
import org.opencrm.core.user.Visibility;
import org.opencrm.marketing.campaign.CampaignCommand;
import org.opencrm.marketing.campaign.CampaignService;
import org.opencrm.marketing.campaign.CampaignType;
import org.opencrm.marketing.form.FormSubmissions;
import org.opencrm.marketing.segment.SegmentCommand;
import org.opencrm.marketing.segment.SegmentKind;
import org.opencrm.marketing.segment.SegmentService;
import org.opencrm.marketing.sequence.SequenceCommand;
import org.opencrm.marketing.sequence.SequenceEnrolments;
import org.opencrm.marketing.sequence.SequenceService;
import org.opencrm.marketing.sequence.Step;
import org.opencrm.marketing.tracking.TrackingService;
import org.opencrm.marketing.tracking.TrackingTokens;
import org.opencrm.sales.lead.LeadCommand;
import org.opencrm.sales.lead.LeadService;
import org.opencrm.sales.opportunity.OpenOpportunity;
import org.opencrm.sales.opportunity.OpportunityOpener;
import org.opencrm.service.TicketResolved;
import org.opencrm.service.appointment.AppointmentKind;
import org.opencrm.service.appointment.AppointmentService;
import org.opencrm.service.appointment.ScheduleAppointment;
import org.opencrm.service.csat.CsatService;
import org.opencrm.service.mail.InboundMailService;
import org.opencrm.service.portal.PortalRegistration;
import org.opencrm.service.portal.PortalService;
import org.opencrm.service.ticket.AddReply;
import org.opencrm.service.ticket.NewAttachment;
import org.opencrm.service.ticket.OpenTicket;
import org.opencrm.service.ticket.OpenedTicket;
import org.opencrm.service.ticket.ReplyAuthor;
import org.opencrm.service.ticket.TicketChannel;
import org.opencrm.service.ticket.TicketPriority;
import org.opencrm.service.ticket.TicketReplies;
import org.opencrm.service.ticket.TicketService;
import org.opencrm.service.ticket.TicketType;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Erasure leaves no trace: a person with data in every module (made through the modules'
 * own services, as the application makes it) is erased through the page, and then every
 * text, varchar, jsonb, array, tsvector and bytea column of every table in the schema is
 * searched for their first name, last name, e-mail address and phone number, in any case.
 * Remove any module's eraser ({@code PersonalData}) and a trace (or a foreign key the
 * erasure trips over) makes this test fail. Statistics stay: the ticket, the survey
 * rating, the deal and the campaign send are still counted.
 */
@WebIntegrationTest
class PersonalDataErasureTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	@Autowired
	UserService users;

	@Autowired
	AccountService accounts;

	@Autowired
	ContactService contacts;

	@Autowired
	ContactLookup contactLookup;

	@Autowired
	TaskService tasks;

	@Autowired
	TimelineService timeline;

	@Autowired
	LeadService leads;

	@Autowired
	OpportunityOpener deals;

	@Autowired
	FormSubmissions forms;

	@Autowired
	SegmentService segments;

	@Autowired
	CampaignService campaigns;

	@Autowired
	TrackingTokens trackingTokens;

	@Autowired
	TrackingService tracking;

	@Autowired
	SequenceService sequences;

	@Autowired
	SequenceEnrolments enrolments;

	@Autowired
	TicketService tickets;

	@Autowired
	TicketReplies replies;

	@Autowired
	InboundMailService inbound;

	@Autowired
	CsatService csat;

	@Autowired
	PortalService portal;

	@Autowired
	AppointmentService appointments;

	/** Who is erased, and the strings that must be nowhere afterwards. */
	record Person(long contactId, long accountId, String unique, String first, String last, String email,
			String phone) {

		List<String> traces() {
			return List.of(first.toLowerCase(Locale.ROOT), last.toLowerCase(Locale.ROOT),
					email.toLowerCase(Locale.ROOT), phone, phone.replaceAll("[^0-9]", ""));
		}

		String fullName() {
			return first + " " + last;
		}
	}

	@Test
	void anErasedPersonLeavesNoTraceInAnyColumnOfAnyTableAndTheStatisticsStay() throws Exception {
		Person person = personWithDataInEveryModule();
		assertThat(tracesOf(person)).as("the person's data is spread over the schema before erasure")
			.contains("contacts.email", "leads.email", "form_submissions.email", "email_sends.email",
					"email_suppressions.email", "tickets.subject", "inbound_emails.raw", "users.email",
					"csat_surveys.comment", "service_appointments.title", "opportunities.name", "tasks.title",
					"contact_consents.text_shown", "ticket_attachments.data");
		// The export (a manager of the owner's team) has every module's part of it.
		var export = mvc.perform(get("/contacts/{id}/personal-data", person.contactId()).with(as(users, "manager")))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Disposition", containsString("attachment")))
			.andExpect(jsonPath("$.subject.email").value(person.email()))
			.andExpect(jsonPath("$.contact[0].last_name").value(person.last()))
			.andExpect(jsonPath("$.leads[0].email", org.hamcrest.Matchers.equalToIgnoringCase(person.email())));
		for (String section : List.of("consentLog", "timeline", "tasks", "deals", "leads", "formSubmissions",
				"segmentMemberships", "marketingSends", "suppressions", "engagements", "sequenceEnrolments", "tickets",
				"ticketMessages", "ticketAttachments", "inboundMail", "satisfactionSurveys", "portalUser",
				"appointments", "mailSent", "fieldHistory", "leadScores")) {
			export.andExpect(jsonPath("$." + section).isNotEmpty());
		}
		assertThat(jdbc.sql("""
				select u.username from audit_log a join users u on u.id = a.changed_by
				where a.entity_type = 'contact' and a.entity_id = ? and a.action = 'EXPORT'
				""").param(person.contactId()).query(String.class).list()).as("who exported")
			.containsExactly("manager");
		long ticketsBefore = count("select count(*) from tickets");
		long surveysRated = count("select count(*) from csat_surveys where rating is not null");
		long dealsBefore = count("select count(*) from opportunities");
		long sendsBefore = count("select count(*) from email_sends");

		mvc.perform(post("/contacts/{id}/erase", person.contactId()).param("confirmName", person.fullName())
			.with(csrf())
			.with(as(users, "admin"))).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/contacts"));

		assertThat(tracesOf(person)).as("columns still holding the person's name, e-mail or phone").isEmpty();
		assertThat(count("select count(*) from contacts where id = " + person.contactId())).isZero();
		assertThat(count("select count(*) from tickets")).as("tickets stay for the statistics")
			.isEqualTo(ticketsBefore);
		assertThat(count("select count(*) from csat_surveys where rating is not null")).isEqualTo(surveysRated);
		assertThat(count("select count(*) from opportunities")).as("deals stay, without the person")
			.isEqualTo(dealsBefore);
		assertThat(count("select count(*) from email_sends")).as("sends stay for the campaign results")
			.isEqualTo(sendsBefore);
		assertThat(jdbc.sql("select exists (select 1 from email_suppressions where email = (suppression_keys(?))[2])")
			.param(person.email())
			.query(Boolean.class)
			.single()).as("the unsubscribed address stays suppressed, as its hash").isTrue();
		assertThat(jdbc.sql("""
				select u.username || ':' || coalesce(a.old_value, '-') || ':' || coalesce(a.new_value, '-')
				from audit_log a join users u on u.id = a.changed_by
				where a.entity_type = 'contact' and a.entity_id = ? and a.action = 'ERASE'
				""").param(person.contactId()).query(String.class).list()).as("who erased, without the data")
			.containsExactly("admin:-:-");
	}

	@Test
	void aWrongNameErasesNothingAndSaysSo() throws Exception {
		Person person = newPerson();
		mvc.perform(post("/contacts/{id}/erase", person.contactId()).param("confirmName", person.first())
			.with(csrf())
			.with(as(users, "admin")))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/contacts/" + person.contactId() + "/erase"))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
				.attribute("flashError", "privacy.erase.confirmMismatch"));
		assertThat(tracesOf(person)).contains("contacts.email", "leads.email", "contact_consents.text_shown");
	}

	@Test
	void erasingSomeoneWhoDoesNotExistIsNotFound() throws Exception {
		mvc.perform(post("/contacts/{id}/erase", Long.MAX_VALUE).param("confirmName", "Nobody")
			.with(csrf())
			.with(as(users, "admin"))).andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/contacts/{id}/erasure", Long.MAX_VALUE).contentType("application/json")
			.content("{\"confirmName\":\"Nobody\"}")
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
				.httpBasic("admin", "demo")))
			.andExpect(status().isNotFound())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
				.contentTypeCompatibleWith("application/problem+json"));
	}

	/** Every place a person leaves data, each through its module's service. */
	Person personWithDataInEveryModule() throws Exception {
		// Listeners that never completed before (from other tests) don't count.
		long pendingBefore = count("select count(*) from event_publication where completion_date is null");
		Person person = newPerson();
		String u = person.unique();
		String first = person.first();
		String last = person.last();
		String email = person.email();
		String phone = person.phone();
		CrmUser admin = users.loadUserByUsername("admin");
		CrmUser agent = users.loadUserByUsername("agent");
		long rep = users.loadUserByUsername("rep").id();
		Instant now = clock.instant();

		long account = person.accountId();
		long contact = person.contactId();
		// Field history with the person's values (audit), then the person's own records.
		var details = contactLookup.details(contact, Visibility.all());
		contacts.update(contact,
				new ContactCommand(first, last, "Head buyer", email, phone, phone, "Main St 2", "Bonn", "53111", "DE",
						account, LifecycleStage.LEAD, rep, List.of("vip"), true, true, details.version()),
				Visibility.all());
		tasks.create(new CreateTask("Call " + first + " " + last + " back", "About " + email, now.plusSeconds(86_400),
				rep, account, contact, null, null));
		timeline.log(new RecordInteraction(InteractionKind.CALL, now, account, contact,
				TimelineText.quote("Call with " + first + " " + last), TimelineText.quote("Reached on " + phone),
				"core", null), Visibility.all());

		// Sales: a deal with the person (a lead with the same address is newPerson's).
		deals.open(new OpenOpportunity("Renewal for " + first + " " + last, account, contact, null, null,
				new BigDecimal("1200"), "EUR", LocalDate.now(clock).plusDays(30), rep, null, null, null));

		// Marketing: a form submission (and the lead and score it leads to), a static
		// segment, a campaign mail with its unsubscribe, a nurture sequence.
		forms.submit("contact-us", Map.of("lastName", first + " " + last, "email", email, "company", "Probe Works " + u,
				"message", "Please call " + phone), "10.77.0.1");
		long segment = segments.create(new SegmentCommand("Probe list " + u, null, SegmentKind.STATIC, null, 0));
		segments.addMember(segment, contact);
		long template = jdbc.sql("select min(id) from email_templates").query(Long.class).single();
		long campaign = campaigns.create(new CampaignCommand("Probe campaign " + u, CampaignType.EMAIL, null, "EUR",
				null, null, segment, template, 0));
		campaigns.schedule(campaign, campaigns.details(campaign).version(), null);
		campaigns.startDue();
		long send = jdbc.sql("select id from email_sends where campaign_id = ?")
			.param(campaign)
			.query(Long.class)
			.single();
		tracking.unsubscribe(trackingTokens.unsubscribe(send));
		long sequence = sequences.create(new SequenceCommand("Probe nurture " + u, null, false,
				List.of(Step.waitDays(1, 3), Step.send(2, template))));
		enrolments.enrol(sequence, contact);

		// Service: a ticket with an attachment and the person's reply, a mailed-in
		// ticket (raw copy kept), a rated survey with a comment, a portal sign-in, an
		// appointment.
		OpenedTicket ticket = tickets
			.open(new OpenTicket(TicketChannel.PHONE, contact, account, null, null,
					"Printer of " + first + " " + last + " broken", "Call back on " + phone, TicketType.INCIDENT,
					TicketPriority.HIGH, null, null, List.of(), "ORDER-" + u, null,
					List.of(new NewAttachment("invoice-" + last + ".txt", "text/plain",
							("Invoice for " + first + " " + last + ", " + email).getBytes(StandardCharsets.UTF_8))),
					null));
		replies.addReply(ticket.id(), AddReply.publicReply(ReplyAuthor.customer(contact), "Thanks, " + first));
		String raw = """
				From: %s %s <%s>
				To: support@opencrm.local
				Subject: Help for %s %s
				Message-ID: <probe-%s@mail.example>
				Content-Type: text/plain; charset=UTF-8

				Please call me on %s.
				""".formatted(first, last, email, first, last, u, phone).replace("\n", "\r\n");
		inbound.store("support@opencrm.local", raw.getBytes(StandardCharsets.UTF_8));
		inbound.processPending();
		Long survey = csat.surveyResolvedTicket(new TicketResolved(ticket.id(), ticket.number(),
				"Printer of " + first + " " + last + " broken", contact, account, agent.id(), null, null, now));
		String ratingUrl = csat.ratingUrl(survey, 4);
		String token = ratingUrl.substring(ratingUrl.indexOf("/csat/") + 6, ratingUrl.lastIndexOf('/'));
		csat.rate(token, 4);
		csat.comment(token, "Fine, says " + first + " " + last);
		portal.register(new PortalRegistration("probe-" + u, first, last, email, "Correct-Horse-Battery-9-" + u));
		// 06:00 three days on: before the demo's visit slots (9:00 to 17:30), which "now
		// + 3
		// days" hit in the mornings and afternoons, refused as an overlap.
		Instant visit = now.atZone(clock.getZone()).truncatedTo(ChronoUnit.DAYS).plusDays(3).withHour(6).toInstant();
		appointments.schedule(new ScheduleAppointment(AppointmentKind.REPAIR, "Repair at " + first + " " + last,
				account, contact, null, null, agent.id(), visit, visit.plusSeconds(3600), "Main St 2, Bonn",
				"Ring " + phone, null), admin);

		// The modules' listeners (lead capture, scoring, timeline touches) have all run.
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(
					() -> assertThat(count("select count(*) from event_publication where completion_date is null"))
						.isLessThanOrEqualTo(pendingBefore));
		return person;
	}

	/**
	 * A person (unique names, address and number) at a new account, with e-mail consent
	 * from a form, and a lead with the same address in another case.
	 */
	Person newPerson() {
		String u = UUID.randomUUID().toString().replaceAll("[^a-f]", "").substring(0, 6);
		String first = "Quillon" + u.substring(0, 3);
		String last = "Xyrrhafeld" + u.substring(3);
		String email = "quillon." + u + "@privacy-probe.example";
		String phone = "+49 171 93" + (10_000_000 + (int) (Math.random() * 89_999_999));
		long rep = users.loadUserByUsername("rep").id();
		long account = accounts.create(new AccountCommand("Probe Works " + u, null, null, null, null, null, null, null,
				null, null, LifecycleStage.CUSTOMER, rep, List.of(), 0));
		long contact = contacts.create(
				new ContactCommand(first, last, "Buyer", email, phone, null, "Main St 1", "Bonn", "53111", "DE",
						account, LifecycleStage.LEAD, rep, List.of("vip"), true, true, 0),
				new ConsentNote(ConsentSource.FORM, "Yes, send " + first + " news by e-mail and phone"));
		leads.create(new LeadCommand(first, last, email.toUpperCase(Locale.ROOT), phone, "Probe Works " + u, null, null,
				"DE", null, "event", null, null, rep, 0), Visibility.all());
		return new Person(contact, account, u, first, last, email, phone);
	}

	/**
	 * {@code table.column} of every text-like column in the schema holding any of the
	 * person's traces, in any case.
	 */
	List<String> tracesOf(Person person) {
		record Column(String table, String column, String type) {
		}
		List<Column> columns = jdbc.sql("""
				select c.table_name as "table", c.column_name as "column", c.data_type as type
				from information_schema.columns c
				join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
				where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
				  and (c.data_type in ('text', 'character varying', 'character', 'jsonb', 'json', 'bytea', 'ARRAY',
				                       'tsvector', 'xml')
				       or c.udt_name = 'citext')
				order by 1, 2
				""").query(Column.class).list();
		assertThat(columns).as("the scan sees the schema").hasSizeGreaterThan(100);
		String[] needles = person.traces().stream().map(t -> "%" + t + "%").toArray(String[]::new);
		List<String> found = new ArrayList<>();
		for (Column c : columns) {
			String value = switch (c.type()) {
				case "bytea" -> "encode(\"" + c.column() + "\", 'escape')";
				default -> "\"" + c.column() + "\"::text";
			};
			boolean hit = jdbc
				.sql("select exists (select 1 from \"" + c.table() + "\" where lower(" + value + ") like any(?))")
				.param(needles)
				.query(Boolean.class)
				.single();
			if (hit) {
				found.add(c.table() + "." + c.column());
			}
		}
		return found;
	}

	private long count(String sql) {
		return jdbc.sql(sql).query(Long.class).single();
	}

}
