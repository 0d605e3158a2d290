package org.opencrm.web.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.opencrm.web.Logins.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.opencrm.core.workflow.ActionSpec;
import org.opencrm.core.workflow.ActionType;
import org.opencrm.core.workflow.ConditionSpec;
import org.opencrm.core.workflow.Operator;
import org.opencrm.core.workflow.Recipient;
import org.opencrm.core.workflow.RuleCommand;
import org.opencrm.core.workflow.TriggerKind;
import org.opencrm.core.workflow.WorkflowRules;
import org.opencrm.service.sla.SlaMonitor;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.opencrm.core.user.UserService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A rule on a ticket's SLA warning: the SLA monitor records the warning once, and the
 * rule raises the priority (through the ticket's actions: re-planned, in the field
 * history) and notifies a chosen user; the run shows in the ticket's Automation section.
 */
@WebIntegrationTest
class TicketWorkflowTest {

	@Autowired
	WorkflowRules rules;

	@Autowired
	SlaMonitor monitor;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Test
	void anSlaWarningRaisesThePriorityAndNotifiesOnce() throws Exception {
		String token = "sla" + Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000L), 36);
		long ticket = jdbc.sql("""
				select max(t.id) from tickets t
				where t.status in ('NEW', 'OPEN') and t.sla_policy_id is not null and t.priority in ('LOW', 'NORMAL')
				  and not exists (select 1 from sla_events e where e.ticket_id = t.id)
				""").query(Long.class).single();
		long manager = jdbc.sql("select id from users where username = 'manager'").query(Long.class).single();
		long rule = rules.create(new RuleCommand("SLA nears " + token, "ticket", TriggerKind.SLA_WARNING, null, null,
				null, null, List.of(new ConditionSpec("subject", Operator.CONTAINS, token)),
				List.of(new ActionSpec(ActionType.SET_FIELD, "priority", "URGENT", null, null, null),
						new ActionSpec(ActionType.NOTIFY, null, null, Recipient.USER, manager, "Watch this ticket")),
				true, 0));
		try {
			jdbc.sql("""
					update tickets set subject = subject || ' ' || ?, first_responded_at = null,
					       first_response_warn_at = now() - interval '10 minutes',
					       first_response_due_at = now() + interval '1 hour',
					       resolution_warn_at = now() + interval '1 day', resolution_due_at = now() + interval '2 days',
					       sla_next_check_at = now() - interval '1 minute'
					where id = ?
					""").params(token, ticket).update();

			monitor.scan();
			monitor.scan();

			await().atMost(Duration.ofSeconds(20))
				.until(() -> jdbc.sql("select count(*) from workflow_runs where rule_id = ?")
					.param(rule)
					.query(Long.class)
					.single() == 1);
			assertThat(jdbc.sql("select status || ' ' || detail from workflow_runs where rule_id = ?")
				.param(rule)
				.query(String.class)
				.single()).isEqualTo("DONE SET_FIELD,NOTIFY");
			assertThat(jdbc.sql("select priority from tickets where id = ?").param(ticket).query(String.class).single())
				.isEqualTo("URGENT");
			assertThat(jdbc.sql("""
					select count(*) from notifications where recipient_id = ? and kind = 'WORKFLOW'
					  and record_type = 'ticket' and record_id = ?
					""").params(manager, ticket).query(Long.class).single()).isOne();
			mvc.perform(get("/service/tickets/" + ticket).with(as(users, "agent")))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("id=\"automation\"")))
				.andExpect(content().string(containsString("SLA nears " + token)));
		}
		finally {
			rules.delete(rule);
		}
	}

}
