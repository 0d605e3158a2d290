package org.opencrm.web.journey;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.opencrm.web.journey.RoleJourney.Stop.andFirst;
import static org.opencrm.web.journey.RoleJourney.Stop.page;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.opencrm.service.ticket.OpenTicket;
import org.opencrm.service.ticket.OpenedTicket;
import org.opencrm.service.ticket.TicketChannel;
import org.opencrm.service.ticket.TicketService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A support agent's day: the queue, tickets, a customer's history, the knowledge base,
 * CSAT ({@link RoleJourney}: laptop and phone size, accessibility, rough text,
 * screenshots); and a ticket's priority raised in place on the ticket list.
 */
class AgentJourneyTest extends RoleJourney {

	@Autowired
	TicketService tickets;

	@Autowired
	JdbcClient jdbc;

	@Override
	String username() {
		return "agent";
	}

	@Override
	List<Stop> stops() {
		return List.of(page("/"), page("/service/queue"),
				andFirst("/service/tickets", "#tickets-table a[href^='/service/tickets/']"),
				andFirst("/service/kb", "#article-list a[href^='/service/kb/articles/']"), page("/service/kb/new"),
				page("/service/calendar"), page("/service/csat"),
				andFirst("/accounts", "#accounts-table a[href^='/accounts/']"),
				andFirst("/contacts", "#contacts-table a[href^='/contacts/']"), page("/tasks"), page("/reports"),
				page("/notifications"));
	}

	/**
	 * The priority badge of a ticket on the list opens a small form in place; saving puts
	 * the new priority there, and the ticket page shows it.
	 */
	@Test
	@Order(3)
	void aTicketsPriorityIsRaisedInPlaceOnTheTicketList() {
		page.setViewportSize(WIDE, 768);
		OpenedTicket opened = tickets.open(OpenTicket.fromEmail(TicketChannel.EMAIL,
				"quick-" + System.nanoTime() + "@example.com", "Quentin Quick", "The lift is stuck", "Floor 3"));
		page.navigate("/service/tickets?q=" + opened.number());
		String cell = "#ticket-" + opened.id() + "-priority";
		assertThat(page.locator(cell)).hasText("Normal");
		page.locator(cell + " a").click();
		Locator form = page.locator("form" + cell);
		assertThat(form.locator("select[name=value]")).isFocused();
		assertThat(Axe.seriousViolations(page)).isEmpty();
		page.screenshot(new Page.ScreenshotOptions()
			.setPath(SCREENSHOTS.resolve(username()).resolve("laptop-ticket-quick-edit.png")));
		form.locator("select[name=value]").selectOption("URGENT");
		form.locator("button[type=submit]").click();
		assertThat(page.locator("span" + cell)).hasText("Urgent");
		assertThat(
				jdbc.sql("select priority from tickets where id = ?").param(opened.id()).query(String.class).single())
			.isEqualTo("URGENT");

		page.locator("#tickets-table a[href='/service/tickets/" + opened.id() + "']").click();
		assertThat(page.locator(cell)).hasText("Urgent");
	}

}
