package org.opencrm.web.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.opencrm.web.Logins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Opening a ticket for a customer follows the customer rule (core's AccountAccess): a
 * manager only for their team's customers and unowned ones; another team's is answered
 * like an unknown one. Agents and admins open tickets for anyone.
 */
@WebIntegrationTest
class TicketCustomerAccessTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	String u;

	/** A support agent's customer: outside the sales manager's team. */
	long othersContact;

	/** Another sales rep's customer: in the manager's team. */
	long teamsContact;

	@BeforeEach
	void customers() {
		u = UUID.randomUUID().toString().substring(0, 8);
		othersContact = contact(account("Support owned " + u, "agent"), "Olga", "agent");
		teamsContact = contact(account("Sales owned " + u, "rep2"), "Tessa", "rep2");
	}

	private long account(String name, String owner) {
		return jdbc.sql("insert into accounts (name, lifecycle_stage, owner_id) values (?, 'CUSTOMER', ?) returning id")
			.params(name, users.loadUserByUsername(owner).id())
			.query(Long.class)
			.single();
	}

	private long contact(long accountId, String first, String owner) {
		return jdbc.sql("""
				insert into contacts (account_id, first_name, last_name, lifecycle_stage, owner_id)
				values (?, ?, ?, 'CUSTOMER', ?) returning id
				""")
			.params(accountId, first, "Ticket" + u, users.loadUserByUsername(owner).id())
			.query(Long.class)
			.single();
	}

	private long ticketsTitled(String subject) {
		return jdbc.sql("select count(*) from tickets where subject = ?").param(subject).query(Long.class).single();
	}

	@Test
	void aManagerCannotOpenTheFormOrATicketForAnotherTeamsContact() throws Exception {
		mvc.perform(get("/service/tickets/new").param("contactId", String.valueOf(othersContact))
			.with(as(users, "manager"))).andExpect(status().isNotFound()).andExpect(view().name("error/404"));
		mvc.perform(post("/service/tickets").param("contactId", String.valueOf(othersContact))
			.param("subject", "Sneaky " + u)
			.param("channel", "PHONE")
			.with(csrf())
			.with(as(users, "manager"))).andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/tickets").with(httpBasic("manager", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"subject\": \"Sneaky " + u + "\", \"contactId\": " + othersContact + "}"))
			.andExpect(status().isNotFound())
			.andExpect(header().string("Content-Type", startsWith("application/problem+json")));
		assertThat(ticketsTitled("Sneaky " + u)).isZero();
	}

	@Test
	void aManagerOpensTicketsForTheirTeamsContactsAndAgentsForAnyone() throws Exception {
		mvc.perform(
				get("/service/tickets/new").param("contactId", String.valueOf(teamsContact)).with(as(users, "manager")))
			.andExpect(status().isOk());
		mvc.perform(post("/service/tickets").param("contactId", String.valueOf(teamsContact))
			.param("subject", "Team's " + u)
			.param("channel", "PHONE")
			.with(csrf())
			.with(as(users, "manager"))).andExpect(status().isFound());
		for (String staff : new String[] { "agent", "admin" }) {
			mvc.perform(get("/service/tickets/new").param("contactId", String.valueOf(othersContact))
				.with(as(users, staff))).andExpect(status().isOk());
			mvc.perform(post("/api/v1/tickets").with(httpBasic(staff, "demo"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"subject\": \"Anyone's " + u + "\", \"contactId\": " + othersContact + "}"))
				.andExpect(status().isCreated());
		}
		assertThat(ticketsTitled("Team's " + u)).isOne();
		assertThat(ticketsTitled("Anyone's " + u)).isEqualTo(2);
	}

}
