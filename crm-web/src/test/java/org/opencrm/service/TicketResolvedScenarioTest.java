package org.opencrm.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.opencrm.core.contact.ContactCommand;
import org.opencrm.core.contact.ContactService;
import org.opencrm.core.shared.LifecycleStage;
import org.opencrm.service.queue.QueueService;
import org.opencrm.service.ticket.OpenTicket;
import org.opencrm.service.ticket.OpenedTicket;
import org.opencrm.service.ticket.TicketChannel;
import org.opencrm.service.ticket.TicketPriority;
import org.opencrm.service.ticket.TicketActions;
import org.opencrm.service.ticket.TicketService;
import org.opencrm.service.ticket.TicketStatus;
import org.opencrm.service.ticket.TicketType;
import org.opencrm.web.integration.ScenarioDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Ticket resolved, from the ticket desk to CSAT: the service module (with core) booted
 * alone, without crm-web. Resolving a ticket publishes {@link TicketResolved}; after that
 * commit the CSAT part creates the ticket's survey for its contact.
 */
@ApplicationModuleTest(BootstrapMode.DIRECT_DEPENDENCIES)
@TestPropertySource(properties = { "crm.test.own-database=true", "crm.embedded-db.enabled=false",
		"crm.service.mail.scheduler-enabled=false", "crm.tasks.reminders.enabled=false",
		"crm.health.scheduler.enabled=false" })
class TicketResolvedScenarioTest {

	/** The survey mail goes out over SMTP; it lands here. */
	static final GreenMail SMTP = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

	@DynamicPropertySource
	static void databaseAndMail(DynamicPropertyRegistry registry) {
		ScenarioDatabase.register(registry);
		if (!SMTP.isRunning()) {
			SMTP.start();
		}
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
	}

	@AfterAll
	static void stopMail() {
		SMTP.stop();
	}

	@Autowired
	TicketService tickets;

	@Autowired
	TicketActions ticketActions;

	@Autowired
	QueueService queues;

	@Autowired
	ContactService contacts;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aResolvedTicketGetsOneCsatSurveyForItsContact(Scenario scenario) {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		long caller = contacts.create(new ContactCommand("Cora", "Caller" + tag, null, "cora-" + tag + "@example.com",
				null, null, null, null, null, null, null, LifecycleStage.CUSTOMER, null, List.of(), true, false, 0));
		long queue = queues.create("Scenario " + tag, null);
		OpenedTicket ticket = tickets
			.open(new OpenTicket(TicketChannel.PHONE, caller, null, null, null, "Printer jammed " + tag, "It beeps.",
					TicketType.INCIDENT, TicketPriority.NORMAL, queue, null, null, null, null, null, null));

		scenario.stimulate(() -> ticketActions.changeStatus(ticket.id(), TicketStatus.RESOLVED, null))
			.andWaitForStateChange(() -> survey(ticket.id()), survey -> !survey.isEmpty())
			.andExpect(TicketResolved.class)
			.matchingMappedValue(TicketResolved::ticketId, ticket.id())
			.toArriveAndVerify(event -> {
				assertThat(event.number()).isEqualTo(ticket.number());
				assertThat(event.contactId()).isEqualTo(caller);
				assertThat(survey(ticket.id()))
					.containsExactly(ticket.number() + "|Printer jammed " + tag + "|" + caller + "|Scenario " + tag);
			});
	}

	private List<String> survey(long ticketId) {
		return jdbc.sql("""
				select ticket_number || '|' || ticket_subject || '|' || contact_id || '|' || queue_name
				from csat_surveys where ticket_id = ?
				""").param(ticketId).query(String.class).list();
	}

}
