package org.opencrm.sales.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.opencrm.sales.SalesFixtures.lead;
import static org.opencrm.sales.SalesFixtures.unique;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.Visibility;
import org.opencrm.core.workflow.ActionSpec;
import org.opencrm.core.workflow.ActionType;
import org.opencrm.core.workflow.ConditionSpec;
import org.opencrm.core.workflow.FieldChange;
import org.opencrm.core.workflow.Operator;
import org.opencrm.core.workflow.Recipient;
import org.opencrm.core.workflow.RecordChanged;
import org.opencrm.core.workflow.RuleCommand;
import org.opencrm.core.workflow.RunRow;
import org.opencrm.core.workflow.TriggerKind;
import org.opencrm.core.workflow.WorkflowRules;
import org.opencrm.core.workflow.WorkflowRuns;
import org.opencrm.sales.SalesFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Workflow rules on leads (record type {@code lead}) on real PostgreSQL: a rule on a new
 * lead makes a task about it (a lead has neither tags nor a contact yet: "add a tag" is
 * skipped), a rule on a status change that moves the status itself runs once, a rule
 * assigns through the lead's service, the idle leads are the open ones nobody worked, and
 * one change delivered twice acts once.
 */
@SpringBootTest
class LeadWorkflowTest {

	static final Duration PATIENCE = Duration.ofSeconds(20);

	@Autowired
	LeadService leads;

	@Autowired
	LeadWorkflow workflow;

	@Autowired
	WorkflowRules rules;

	@Autowired
	WorkflowRuns runs;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate tx;

	final List<Long> made = new ArrayList<>();

	@AfterEach
	void deleteRules() {
		made.forEach(rules::delete);
	}

	@Test
	void aRuleOnANewLeadMakesATaskAboutItAndSkipsTheTagItHasNoPlaceFor() {
		String u = unique();
		long rep = SalesFixtures.user(jdbc, "SALES_REP", null);
		long rule = rule(new RuleCommand("New lead " + u, "lead", TriggerKind.CREATED, null, null, null, null,
				List.of(new ConditionSpec("company", Operator.CONTAINS, u)),
				List.of(new ActionSpec(ActionType.CREATE_TASK, null, "0", Recipient.OWNER, null, "Call " + u),
						new ActionSpec(ActionType.ADD_TAG, null, "hot", null, null, null)),
				true, 0));

		long id = leads.create(lead("Nia", "New" + u, null, "Acme " + u, rep), Visibility.all());

		await().atMost(PATIENCE).until(() -> runs.forRecord("lead", id, 5).size() == 1);
		assertThat(runs.forRule(rule, null, 5)).singleElement()
			.extracting(RunRow::detail)
			.isEqualTo("CREATE_TASK,ADD_TAG:skipped");
		assertThat(jdbc.sql("select related_ref from tasks where assignee_id = ? and title = ?")
			.params(rep, "Call " + u)
			.query(String.class)
			.list()).containsExactly("lead:" + id);
	}

	@Test
	void aRuleOnAStatusChangeThatMovesTheStatusItselfRunsOnceAndAssigns() {
		String u = unique();
		long rep = SalesFixtures.user(jdbc, "SALES_REP", null);
		long other = SalesFixtures.user(jdbc, "SALES_REP", null);
		long rule = rule(new RuleCommand("Qualify " + u, "lead", TriggerKind.FIELD_CHANGED, "status", "new", "working",
				null, List.of(new ConditionSpec("company", Operator.CONTAINS, u)),
				List.of(new ActionSpec(ActionType.SET_FIELD, "status", "QUALIFIED", null, null, null),
						new ActionSpec(ActionType.ASSIGN, null, null, null, other, null)),
				true, 0));
		long id = leads.create(lead("Wes", "Working" + u, null, "Works " + u, rep), Visibility.all());

		leads.changeStatus(id, 0, LeadStatus.WORKING, null, Visibility.all());

		await().atMost(PATIENCE).until(() -> runs.forRecord("lead", id, 5).size() == 1);
		// the rule's own change (WORKING → QUALIFIED) carries it in its chain: no second
		// run
		sleepALittle();
		assertThat(runs.forRule(rule, null, 5)).singleElement().extracting(RunRow::status).isEqualTo("DONE");
		assertThat(jdbc.sql("select status || ' ' || owner_id || ' v' || version from leads where id = ?")
			.param(id)
			.query(String.class)
			.single()).isEqualTo("QUALIFIED " + other + " v3");
		assertThat(jdbc.sql("""
				select field || ' ' || old_value || ' → ' || new_value from audit_log
				where entity_type = 'lead' and entity_id = ? and action = 'UPDATE' order by id
				""").param(id).query(String.class).list()).containsExactly("status NEW → WORKING",
				"status WORKING → QUALIFIED", "owner " + rep + " → " + other);
	}

	@Test
	void marketingsScoreReachesARuleOnTheLeadsScoreOncePerChange() {
		String u = unique();
		long rep = SalesFixtures.user(jdbc, "SALES_REP", null);
		long rule = rule(new RuleCommand("Hot " + u, "lead", TriggerKind.FIELD_CHANGED, "score", null, null, null,
				List.of(new ConditionSpec("company", Operator.CONTAINS, u),
						new ConditionSpec("score", Operator.GREATER_THAN, "50")),
				List.of(new ActionSpec(ActionType.CREATE_TASK, null, "0", Recipient.OWNER, null, "Call hot " + u)),
				true, 0));
		long id = leads.create(lead("Hana", "Hot" + u, null, "Scores " + u, rep), Visibility.all());

		leads.applyScore(id, 80, true);
		leads.applyScore(id, 80, true);

		await().atMost(PATIENCE).until(() -> runs.forRecord("lead", id, 5).size() == 1);
		// the same score again is no change: no second run
		sleepALittle();
		assertThat(runs.forRule(rule, null, 5)).singleElement().extracting(RunRow::status).isEqualTo("DONE");
		assertThat(jdbc.sql("select related_ref from tasks where assignee_id = ? and title = ?")
			.params(rep, "Call hot " + u)
			.query(String.class)
			.list()).containsExactly("lead:" + id);
		assertThat(jdbc.sql("select score from leads where id = ?").param(id).query(Integer.class).single())
			.isEqualTo(80);
	}

	@Test
	void theIdleLeadsAreTheOpenOnesNobodyWorkedSinceTheMoment() {
		String u = unique();
		long rep = SalesFixtures.user(jdbc, "SALES_REP", null);
		long untouched = leads.create(lead("Una", "Untouched" + u, null, "Idle " + u, rep), Visibility.all());
		long worked = leads.create(lead("Will", "Worked" + u, null, "Idle " + u, rep), Visibility.all());
		long dropped = leads.create(lead("Dirk", "Dropped" + u, null, "Idle " + u, rep), Visibility.all());
		leads.changeStatus(dropped, 0, LeadStatus.DISQUALIFIED, "No budget", Visibility.all());
		jdbc.sql("update leads set created_at = now() - interval '20 days', last_activity_at = null where id in (?, ?)")
			.params(untouched, dropped)
			.update();
		jdbc.sql(
				"update leads set created_at = now() - interval '20 days', last_activity_at = now() - interval '2 days'"
						+ " where id = ?")
			.param(worked)
			.update();

		List<Long> mine = List.of(untouched, worked, dropped);
		List<Long> idle = jdbc.sql("select id from (" + workflow.idleSelect().orElseThrow() + ") x where id in (:mine)")
			.param("moment", Timestamp.from(Instant.now().minus(Duration.ofDays(14))))
			.param("mine", mine)
			.query(Long.class)
			.list();

		assertThat(idle).containsExactly(untouched);
	}

	@Test
	void oneChangeDeliveredTwiceActsOnce() {
		String u = unique();
		long rep = SalesFixtures.user(jdbc, "SALES_REP", null);
		rule(new RuleCommand("Once " + u, "lead", TriggerKind.UPDATED, null, null, null, null,
				List.of(new ConditionSpec("company", Operator.CONTAINS, u)),
				List.of(new ActionSpec(ActionType.CREATE_TASK, null, null, Recipient.OWNER, null, "Once " + u)), true,
				0));
		long id = leads.create(lead("Otto", "Once" + u, null, "Once " + u, rep), Visibility.all());
		RecordChanged event = new RecordChanged(UUID.randomUUID().toString(), "lead", id, TriggerKind.UPDATED,
				Map.of("industry", new FieldChange(null, "Retail")), List.of());

		// published twice in one transaction: two deliveries after the commit, as two
		// nodes or a re-sent publication get it
		tx.executeWithoutResult(s -> {
			events.publishEvent(event);
			events.publishEvent(event);
		});

		await().atMost(PATIENCE).until(() -> runs.forRecord("lead", id, 5).size() == 1);
		sleepALittle();
		assertThat(runs.forRecord("lead", id, 5)).hasSize(1);
		assertThat(jdbc.sql("select count(*) from tasks where assignee_id = ? and title = ?")
			.params(rep, "Once " + u)
			.query(Long.class)
			.single()).isOne();
	}

	private long rule(RuleCommand cmd) {
		long id = rules.create(cmd);
		made.add(id);
		return id;
	}

	/** Long enough for a wrongly published follow-up event to have run. */
	private static void sleepALittle() {
		try {
			Thread.sleep(1500);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
