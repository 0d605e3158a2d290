package org.opencrm.web.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.opencrm.web.Logins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.service.ticket.OpenTicket;
import org.opencrm.service.ticket.TicketChannel;
import org.opencrm.service.ticket.TicketService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Quick edits of a ticket's status, priority and assignee from the queue, the ticket list
 * and the ticket page: saved through the ticket's actions (status flow, SLA, audit,
 * version), a stale version conflicts, a bad value is a message and changes nothing;
 * without JavaScript the small form is a page of its own.
 */
@WebIntegrationTest
class TicketInlineEditTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	TicketService tickets;

	@Autowired
	JdbcClient jdbc;

	private long ticket() {
		return tickets
			.open(OpenTicket.fromEmail(TicketChannel.EMAIL, "inline-" + System.nanoTime() + "@example.com",
					"Ingrid Inline", "Printer on fire " + System.nanoTime(), "Please help"))
			.id();
	}

	private String column(long ticket, String column) {
		return jdbc.sql("select " + column + "::text from tickets where id = ?")
			.param(ticket)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	private long version(long ticket) {
		return Long.parseLong(column(ticket, "version"));
	}

	private MockHttpServletRequestBuilder save(long ticket, String field, String value, long version) {
		return post("/service/tickets/" + ticket + "/inline/" + field).header("HX-Request", "true")
			.with(csrf())
			.with(as(users, "agent"))
			.param("version", String.valueOf(version))
			.param("value", value);
	}

	@Test
	void theListAndTheTicketPageOfferClickToEditLinksThatWorkWithoutJavaScript() throws Exception {
		long ticket = ticket();
		String number = column(ticket, "number");
		mvc.perform(get("/service/tickets").param("q", number).with(as(users, "agent")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"ticket-" + ticket + "-priority\"")))
			.andExpect(content().string(containsString("hx-get=\"/service/tickets/" + ticket + "/inline/status\"")))
			.andExpect(content().string(containsString("href=\"/service/tickets/" + ticket + "/inline/assignee\"")));
		mvc.perform(get("/service/tickets/" + ticket).with(as(users, "agent")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"ticket-" + ticket + "-priority\"")))
			.andExpect(content().string(containsString("id=\"ticket-" + ticket + "-assignee\"")));
		// Without htmx: the small form on a page of its own, posting to the same address.
		mvc.perform(get("/service/tickets/" + ticket + "/inline/priority").with(as(users, "agent")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<main")))
			.andExpect(content().string(containsString("action=\"/service/tickets/" + ticket + "/inline/priority\"")))
			.andExpect(content().string(containsString("value=\"URGENT\"")));
		mvc.perform(post("/service/tickets/" + ticket + "/inline/priority").with(csrf())
			.with(as(users, "agent"))
			.param("version", String.valueOf(version(ticket)))
			.param("value", "HIGH")).andExpect(redirectedUrl("/service/tickets/" + ticket));
		assertThat(column(ticket, "priority")).isEqualTo("HIGH");
		mvc.perform(get("/service/tickets/" + ticket + "/inline/priority").with(as(users, "rep")))
			.andExpect(status().isForbidden());
	}

	@Test
	void aPriorityIsSavedThroughTheTicketsActionsAndItsSlaIsPlannedAgain() throws Exception {
		long ticket = ticket();
		long version = version(ticket);
		String dueBefore = column(ticket, "resolution_due_at");
		mvc.perform(save(ticket, "priority", "URGENT", version))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"ticket-" + ticket + "-priority\"")))
			.andExpect(content().string(containsString("Urgent")))
			.andExpect(header().doesNotExist("HX-Refresh"));
		assertThat(column(ticket, "priority")).isEqualTo("URGENT");
		assertThat(version(ticket)).isGreaterThan(version);
		assertThat(jdbc.sql("select count(*) from audit_log where entity_type = 'ticket' and entity_id = ?")
			.param(ticket)
			.query(Long.class)
			.single()).isPositive();
		if (dueBefore != null) {
			assertThat(column(ticket, "resolution_due_at")).isNotEqualTo(dueBefore);
		}
	}

	@Test
	void aStatusAndAnAssigneeAreSavedThroughTheTicketsActions() throws Exception {
		long ticket = ticket();
		long agent = users.loadUserByUsername("agent").id();
		mvc.perform(save(ticket, "assignee", String.valueOf(agent), version(ticket)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"ticket-" + ticket + "-assignee\"")));
		assertThat(column(ticket, "assignee_id")).isEqualTo(String.valueOf(agent));
		mvc.perform(save(ticket, "status", "ON_HOLD", version(ticket)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("On hold")));
		assertThat(column(ticket, "status")).isEqualTo("ON_HOLD");
		// Nobody: unassigned again.
		mvc.perform(save(ticket, "assignee", "", version(ticket))).andExpect(status().isOk());
		assertThat(column(ticket, "assignee_id")).isNull();
	}

	@Test
	void aStaleVersionConflictsAndSavesNothing() throws Exception {
		long ticket = ticket();
		long stale = version(ticket);
		String assignee = column(ticket, "assignee_id");
		jdbc.sql("update tickets set priority = 'LOW', version = version + 1 where id = ?").param(ticket).update();

		// Without htmx: the conflict page of every edit form.
		mvc.perform(post("/service/tickets/" + ticket + "/inline/priority").with(csrf())
			.with(as(users, "agent"))
			.param("version", String.valueOf(stale))
			.param("value", "URGENT"))
			.andExpect(status().isConflict())
			.andExpect(content().string(containsString("id=\"conflict\"")));
		// With htmx: the small form says so, offers the current version with the choice.
		mvc.perform(save(ticket, "priority", "URGENT", stale))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Someone else changed this ticket meanwhile")))
			.andExpect(content().string(containsString("name=\"version\" value=\"" + (stale + 1) + "\"")))
			.andExpect(content().string(containsString("value=\"URGENT\" selected=\"selected\"")));
		mvc.perform(save(ticket, "status", "ON_HOLD", stale))
			.andExpect(content().string(containsString("Someone else changed this ticket meanwhile")));
		mvc.perform(save(ticket, "assignee", String.valueOf(users.loadUserByUsername("agent").id()), stale))
			.andExpect(content().string(containsString("Someone else changed this ticket meanwhile")));
		assertThat(column(ticket, "priority")).isEqualTo("LOW");
		assertThat(column(ticket, "assignee_id")).isEqualTo(assignee);
		assertThat(version(ticket)).isEqualTo(stale + 1);
	}

	@Test
	void aBadValueIsAMessageAndChangesNothing() throws Exception {
		long ticket = ticket();
		long version = version(ticket);
		String priority = column(ticket, "priority");
		for (String bad : new String[] { "EXTREME", "", "urgent" }) {
			mvc.perform(save(ticket, "priority", bad, version))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Choose one of the priorities.")));
		}
		// A new ticket can't be closed without being resolved; a status that isn't one.
		for (String bad : new String[] { "CLOSED", "DONE" }) {
			mvc.perform(save(ticket, "status", bad, version))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Choose one of the offered statuses.")));
		}
		for (String bad : new String[] { "someone", "999999999" }) {
			mvc.perform(save(ticket, "assignee", bad, version))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Choose one of the offered agents, or nobody.")));
		}
		mvc.perform(get("/service/tickets/" + ticket + "/inline/nonsense").with(as(users, "agent")))
			.andExpect(status().isNotFound());
		assertThat(version(ticket)).isEqualTo(version);
		assertThat(column(ticket, "priority")).isEqualTo(priority);
	}

	@Test
	void savedFromTheTicketPageThePageReloadsAndAClosedTicketIsFinal() throws Exception {
		long ticket = ticket();
		mvc.perform(save(ticket, "priority", "HIGH", version(ticket)).header("HX-Current-URL",
				"http://localhost/service/tickets/" + ticket))
			.andExpect(status().isOk())
			.andExpect(header().string("HX-Refresh", "true"));
		jdbc.sql("update tickets set status = 'CLOSED' where id = ?").param(ticket).update();
		mvc.perform(get("/service/tickets/" + ticket + "/inline/priority").header("HX-Request", "true")
			.with(as(users, "agent")))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("<form"))))
			.andExpect(content().string(not(containsString("hx-get"))));
		long version = version(ticket);
		mvc.perform(save(ticket, "priority", "LOW", version))
			.andExpect(content().string(containsString("A closed ticket can’t be changed.")));
		assertThat(column(ticket, "priority")).isEqualTo("HIGH");
		assertThat(version(ticket)).isEqualTo(version);
	}

}
