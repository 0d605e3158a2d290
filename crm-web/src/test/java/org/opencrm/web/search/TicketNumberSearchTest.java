package org.opencrm.web.search;

import static org.opencrm.web.Logins.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.service.ticket.OpenTicket;
import org.opencrm.service.ticket.TicketChannel;
import org.opencrm.service.ticket.TicketService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A ticket number typed in the search box takes the service desk to the ticket, written
 * in full or short; anyone else, or a number no ticket has, gets the normal results.
 * Words of a subject list matching tickets for the service desk only, and the ticket list
 * filters by number or subject.
 */
@WebIntegrationTest
class TicketNumberSearchTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TicketService tickets;

	private String openTicket(String subject) {
		long id = tickets
			.open(OpenTicket.fromEmail(TicketChannel.EMAIL, "search-" + System.nanoTime() + "@example.com",
					"Sally Search", subject, "Please help"))
			.id();
		return jdbc.sql("select number from tickets where id = ?").param(id).query(String.class).single();
	}

	@Test
	void anAgentTypingATicketNumberLandsOnTheTicket() throws Exception {
		long id = jdbc.sql("select id from tickets where number = 'T-000007'").query(Long.class).single();

		mvc.perform(get("/search").param("q", "T-000007").with(as(users, "agent")))
			.andExpect(redirectedUrl("/service/tickets/" + id));
		mvc.perform(get("/search").param("q", " t-7 ").with(as(users, "manager")))
			.andExpect(redirectedUrl("/service/tickets/" + id));
	}

	@Test
	void aSalesRepOrAnUnknownNumberGetsTheResultsPage() throws Exception {
		mvc.perform(get("/search").param("q", "T-000007").with(as(users, "rep")))
			.andExpect(status().isOk())
			.andExpect(view().name("search/results"));
		mvc.perform(get("/search").param("q", "T-999999999").with(as(users, "agent")))
			.andExpect(status().isOk())
			.andExpect(view().name("search/results"));
	}

	@Test
	void theServiceDeskFindsTicketsByWordsOfTheSubjectAndSalesDoesNot() throws Exception {
		String number = openTicket("Flux capacitor overheats at 88 mph");

		mvc.perform(get("/search").param("q", "capacitor overh").with(as(users, "agent")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"search-tickets\"")))
			.andExpect(content().string(containsString(number + " Flux capacitor overheats at 88 mph")));
		mvc.perform(get("/search").param("q", "capacitor overh").with(as(users, "rep")))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("Flux capacitor"))));
	}

	@Test
	void theTicketListFiltersByNumberOrSubject() throws Exception {
		String number = openTicket("Warp core breach in engineering");
		String other = openTicket("Replicator makes only tea");
		String shortNumber = "t-" + Long.parseLong(number.substring(2));

		mvc.perform(get("/service/tickets").param("q", shortNumber).with(as(users, "agent")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Warp core breach")))
			.andExpect(content().string(not(containsString("Replicator makes"))));
		mvc.perform(get("/service/tickets").param("q", "only tea").with(as(users, "agent")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(other)))
			.andExpect(content().string(not(containsString("Warp core breach"))));
		// LIKE wildcards typed by the user match themselves.
		mvc.perform(get("/service/tickets").param("q", "%_%").with(as(users, "agent")))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("Warp core breach"))));
	}

}
