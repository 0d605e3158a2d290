package org.opencrm.web.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.opencrm.web.Logins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.core.workflow.WorkflowRules;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The rule editor and a rule at work on a real deal: an admin saves "when a deal's stage
 * changes to Negotiation, create a task and notify the manager" from the form, a rep
 * moves a deal there, the task and the notification appear and the run shows on the
 * rule's page and in the deal's "Automation" section. A bad rule comes back with its
 * messages and saves nothing.
 */
@WebIntegrationTest
class WorkflowPagesTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	WorkflowRules rules;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aRuleSavedInTheEditorActsWhenARepMovesADealToNegotiation() throws Exception {
		String name = "Negotiation follow-up " + unique();
		String location = mvc
			.perform(rule(post("/admin/workflows"), name).param("actions[1].type", "NOTIFY")
				.param("actions[1].recipient", "MANAGER")
				.param("actions[1].text", "A deal is in negotiation")
				.with(as(users, "admin"))
				.with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		long rule = Long.parseLong(location.replaceAll(".*/", ""));
		try {
			record Deal(long id, long version, long negotiation) {
			}
			Deal deal = jdbc.sql("""
					select o.id, o.version, n.id from opportunities o
					join pipeline_stages s on s.id = o.stage_id
					join pipeline_stages n on n.pipeline_id = o.pipeline_id and n.name = 'Negotiation'
					where o.owner_id = (select id from users where username = 'rep') and o.status = 'OPEN'
					  and s.name <> 'Negotiation'
					order by o.id limit 1
					""").query((rs, n) -> new Deal(rs.getLong(1), rs.getLong(2), rs.getLong(3))).single();
			long rep = users.loadUserByUsername("rep").id();
			long manager = jdbc.sql("""
					select m.id from users m where m.role = 'MANAGER' and m.enabled
					order by (m.team_id is not distinct from (select team_id from users where id = ?)
					          and m.team_id is not null) desc, m.id limit 1
					""").param(rep).query(Long.class).single();

			mvc.perform(post("/opportunities/" + deal.id() + "/stage").param("version", String.valueOf(deal.version()))
				.param("stageId", String.valueOf(deal.negotiation()))
				.with(as(users, "rep"))
				.with(csrf())).andExpect(status().is3xxRedirection());

			await().atMost(Duration.ofSeconds(20))
				.until(() -> jdbc.sql("select count(*) from workflow_runs where rule_id = ? and status = 'DONE'")
					.param(rule)
					.query(Long.class)
					.single() == 1);
			assertThat(
					jdbc.sql("select related_ref from tasks where assignee_id = ? and title = 'Prepare the contract'")
						.param(rep)
						.query(String.class)
						.list())
				.contains("opportunity:" + deal.id());
			assertThat(jdbc.sql("""
					select array_to_string(message_args, '|') from notifications
					where recipient_id = ? and kind = 'WORKFLOW' and record_type = 'deal' and record_id = ?
					""").params(manager, deal.id()).query(String.class).list())
				.containsExactly(name + "|A deal is in negotiation");
			mvc.perform(get("/admin/workflows/" + rule).with(as(users, "admin")))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("/opportunities/" + deal.id())))
				.andExpect(content().string(containsString("<span>Create a task</span>")))
				.andExpect(content().string(containsString("<span>Notify</span>")));
			mvc.perform(get("/opportunities/" + deal.id()).with(as(users, "rep")))
				.andExpect(content().string(containsString("id=\"automation\"")))
				.andExpect(content().string(containsString(name)));
			// Moving it elsewhere and back to Negotiation is a new change: a new run.
		}
		finally {
			rules.delete(rule);
		}
	}

	@Test
	void aBadRuleComesBackWithItsMessagesAndSavesNothing() throws Exception {
		long before = jdbc.sql("select count(*) from workflow_rules").query(Long.class).single();
		mvc.perform(rule(post("/admin/workflows"), "Bad " + unique()).param("conditions[0].field", "amount")
			.param("conditions[0].operator", "GREATER_THAN")
			.param("conditions[0].value", "lots")
			.with(as(users, "admin"))
			.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("“lots” is not a number (field “amount”).")))
			.andExpect(content().string(containsString("value=\"Prepare the contract\"")));
		mvc.perform(rule(post("/admin/workflows"), "Hook " + unique()).param("actions[1].type", "WEBHOOK")
			.param("actions[1].value", "http://169.254.169.254/latest/meta-data")
			.with(as(users, "admin"))
			.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(
					content().string(containsString("A webhook may not call an internal address (169.254.169.254).")));
		mvc.perform(rule(post("/admin/workflows"), "Ghost field " + unique()).param("conditions[0].field", "colour")
			.param("conditions[0].operator", "EQUALS")
			.param("conditions[0].value", "red")
			.with(as(users, "admin"))
			.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("There is no field “colour”.")));
		assertThat(jdbc.sql("select count(*) from workflow_rules").query(Long.class).single()).isEqualTo(before);
	}

	@Test
	void moreRowsShowsTheFormAgainWithEmptyRowsAndSavesNothing() throws Exception {
		long before = jdbc.sql("select count(*) from workflow_rules").query(Long.class).single();
		mvc.perform(rule(post("/admin/workflows"), "Rows " + unique()).param("moreRows", "true")
			.with(as(users, "admin"))
			.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("name=\"actions[2].type\"")))
			.andExpect(content().string(containsString("name=\"conditions[1].field\"")));
		assertThat(jdbc.sql("select count(*) from workflow_rules").query(Long.class).single()).isEqualTo(before);
		mvc.perform(get("/admin/workflows/new?recordType=ticket").with(as(users, "admin")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("SLA warning")));
	}

	/** The editor's form for the Negotiation rule: a task for the owner. */
	private static MockHttpServletRequestBuilder rule(MockHttpServletRequestBuilder request, String name) {
		return request.param("name", name)
			.param("recordType", "deal")
			.param("trigger", "FIELD_CHANGED")
			.param("triggerField", "stage")
			.param("triggerTo", "Negotiation")
			.param("enabled", "true")
			.param("version", "0")
			.param("actions[0].type", "CREATE_TASK")
			.param("actions[0].recipient", "OWNER")
			.param("actions[0].text", "Prepare the contract");
	}

	private static String unique() {
		return Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000L), 36);
	}

}
