package org.opencrm.web.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.core.workflow.ActionSpec;
import org.opencrm.core.workflow.ActionType;
import org.opencrm.core.workflow.ConditionSpec;
import org.opencrm.core.workflow.Operator;
import org.opencrm.core.workflow.RuleCommand;
import org.opencrm.core.workflow.RunRow;
import org.opencrm.core.workflow.TriggerKind;
import org.opencrm.core.workflow.WorkflowRules;
import org.opencrm.core.workflow.WorkflowRuns;
import org.opencrm.sales.opportunity.OpportunityService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two deal rules that would set each other off forever — "when the forecast category
 * becomes Commit, make it Best case" and the reverse — on a real deal: each change goes
 * through the deal's service (its version and field history move), the chain stops at its
 * depth and the stop is logged.
 */
@WebIntegrationTest
class DealWorkflowLoopTest {

	@Autowired
	WorkflowRules rules;

	@Autowired
	WorkflowRuns runs;

	@Autowired
	OpportunityService deals;

	@Autowired
	JdbcClient jdbc;

	@Test
	void twoDealRulesSettingEachOtherOffStopAndSaySo() {
		long deal = jdbc
			.sql("""
					select id from opportunities where status = 'OPEN' and forecast_category = 'PIPELINE' order by id limit 1
					""")
			.query(Long.class)
			.single();
		String name = jdbc.sql("select name from opportunities where id = ?").param(deal).query(String.class).single();
		long versionBefore = version(deal);
		List<ConditionSpec> thisDeal = List.of(new ConditionSpec("name", Operator.EQUALS, name));
		long commit = rules.create(new RuleCommand("To best case", "deal", TriggerKind.FIELD_CHANGED,
				"forecastCategory", null, "COMMIT", null, thisDeal,
				List.of(new ActionSpec(ActionType.SET_FIELD, "forecastCategory", "BEST_CASE", null, null, null)), true,
				0));
		long bestCase = rules.create(new RuleCommand("To commit", "deal", TriggerKind.FIELD_CHANGED, "forecastCategory",
				null, "BEST_CASE", null, thisDeal,
				List.of(new ActionSpec(ActionType.SET_FIELD, "forecastCategory", "COMMIT", null, null, null)), true,
				0));
		try {
			deals.setFieldByRule(deal, "forecastCategory", "COMMIT");

			await().atMost(Duration.ofSeconds(30))
				.until(() -> runs.forRecord("deal", deal, 20)
					.stream()
					.anyMatch(r -> r.status().equals("STOPPED_LOOP")));
			List<RunRow> log = runs.forRecord("deal", deal, 20);
			assertThat(log).extracting(RunRow::status)
				.containsExactly("STOPPED_LOOP", "DONE", "DONE", "DONE", "DONE", "DONE");
			assertThat(log).extracting(RunRow::ruleId)
				.containsExactly(bestCase, commit, bestCase, commit, bestCase, commit);
			// the person's change and five rule changes, each a versioned, audited edit
			assertThat(version(deal)).isEqualTo(versionBefore + 6);
			assertThat(jdbc.sql("select forecast_category from opportunities where id = ?")
				.param(deal)
				.query(String.class)
				.single()).isEqualTo("BEST_CASE");
		}
		finally {
			rules.delete(commit);
			rules.delete(bestCase);
		}
	}

	private long version(long deal) {
		return jdbc.sql("select version from opportunities where id = ?").param(deal).query(Long.class).single();
	}

}
