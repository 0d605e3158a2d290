package org.opencrm.web.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.opencrm.web.Logins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.service.TicketResolved;
import org.opencrm.service.csat.CsatService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@WebIntegrationTest
class CsatPagesTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	CsatService csat;

	@Autowired
	JdbcClient jdbc;

	private String surveyLink(long ticketId) {
		long contact = jdbc.sql("select min(id) from contacts where email is not null").query(Long.class).single();
		long survey = csat.surveyResolvedTicket(new TicketResolved(ticketId, "T-" + ticketId, "Printer jam", contact,
				null, users.loadUserByUsername("agent").id(), null, "General", Instant.now()));
		String url = csat.ratingUrl(survey, 5);
		return url.substring(url.indexOf("/csat/"), url.lastIndexOf('/'));
	}

	@Test
	void aCustomerRatesWithOneClickAndCommentsWithoutSigningIn() throws Exception {
		String link = surveyLink(7_000_001);

		mvc.perform(get(link + "/4"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("We recorded your rating: 4 of 5")));
		mvc.perform(post(link + "/comment").param("comment", "Fast and friendly").with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Thank you for your comment.")));

		assertThat(jdbc.sql("select rating || ':' || comment from csat_surveys where ticket_id = 7000001")
			.query(String.class)
			.single()).isEqualTo("4:Fast and friendly");
		mvc.perform(get(link))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Fast and friendly")));
	}

	@Test
	void forgedOrBrokenLinksGetA400Page() throws Exception {
		String link = surveyLink(7_000_002);
		String id = link.substring("/csat/".length(), link.indexOf('.'));

		mvc.perform(get("/csat/" + (Long.parseLong(id) + 1) + link.substring(link.indexOf('.')) + "/5"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("This link is not valid")));
		mvc.perform(get(link + "x/5")).andExpect(status().isBadRequest());
		mvc.perform(get("/csat/garbage")).andExpect(status().isBadRequest());
		mvc.perform(get(link + "/five")).andExpect(status().isBadRequest());
		mvc.perform(post(link + "x/comment").param("comment", "hi").with(csrf())).andExpect(status().isBadRequest());
		mvc.perform(get(link + "/9"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("A rating is 1 to 5.")));
		assertThat(jdbc.sql("select rating from csat_surveys where ticket_id = 7000002")
			.query(Integer.class)
			.optional()
			.orElse(null)).isNull();
	}

	@Test
	void theReportShowsFiguresToManagersAndAgentsOnly() throws Exception {
		mvc.perform(get("/service/csat").with(as(users, "manager")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Alex Agent")))
			.andExpect(content().string(containsString("Kim Support")));
		mvc.perform(get("/service/csat").param("from", "2031-05").param("to", "2031-01").with(as(users, "agent")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("The period ends before it starts")));
		mvc.perform(get("/service/csat").param("from", "bad").with(as(users, "agent"))).andExpect(status().isOk());
		mvc.perform(get("/service/csat").with(as(users, "rep"))).andExpect(status().isForbidden());
	}

}
