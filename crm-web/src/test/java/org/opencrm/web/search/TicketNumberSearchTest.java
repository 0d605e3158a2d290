package org.opencrm.web.search;

import static org.opencrm.web.Logins.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A ticket number typed in the search box takes the service desk to the ticket, written
 * in full or short; anyone else, or a number no ticket has, gets the normal results.
 */
@WebIntegrationTest
class TicketNumberSearchTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

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

}
