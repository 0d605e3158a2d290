package org.opencrm.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.opencrm.core.TestData.unique;
import static org.opencrm.core.TestData.user;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opencrm.core.TestData;
import org.opencrm.core.account.AccountService;
import org.opencrm.core.contact.ContactCommand;
import org.opencrm.core.contact.ContactService;
import org.opencrm.core.shared.LifecycleStage;
import org.opencrm.core.task.TaskService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Workflow rules on core's own records — accounts, contacts and tasks — on real
 * PostgreSQL: each record type's triggers (created, a field changed, idle, overdue), the
 * actions going through the record's own service (version and field history move), a rule
 * that changes its own trigger field running once, and two runners claiming a change
 * once.
 */
@SpringBootTest
@Import(Gadgets.class)
class CoreRecordWorkflowTest {

	static final Duration PATIENCE = Duration.ofSeconds(20);

	@Autowired
	WorkflowRules rules;

	@Autowired
	WorkflowEngine engine;

	@Autowired
	WorkflowRuns runs;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AccountService accounts;

	@Autowired
	ContactService contacts;

	@Autowired
	TaskService tasks;

	final List<Long> made = new ArrayList<>();

	@AfterEach
	void deleteRules() {
		made.forEach(rules::delete);
	}

	@Test
	void anAccountRuleOnCreatedTagsTheAccountThroughItsService() {
		String token = unique();
		long boss = user(jdbc, "acc-" + token, "Boss " + token);
		rule(new RuleCommand("New account " + token, "account", TriggerKind.CREATED, null, null, null, null,
				List.of(new ConditionSpec("name", Operator.CONTAINS, token)),
				List.of(new ActionSpec(ActionType.ADD_TAG, null, " New-" + token + " ", null, null, null),
						new ActionSpec(ActionType.NOTIFY, null, null, Recipient.USER, boss, "Say hello")),
				true, 0));

		long account = accounts.create(TestData.account("Acme " + token));

		await().atMost(PATIENCE).until(() -> runs.forRecord("account", account, 5).size() == 1);
		assertThat(runs.forRecord("account", account, 5)).singleElement()
			.satisfies(r -> assertThat(r.detail()).isEqualTo("ADD_TAG,NOTIFY"));
		assertThat(jdbc.sql("select array_to_string(tags, ',') || ' v' || version from accounts where id = ?")
			.param(account)
			.query(String.class)
			.single()).isEqualTo("new-" + token + " v1");
		assertThat(history("account", account, "tags")).containsExactly(" → new-" + token);
		assertThat(jdbc.sql("select count(*) from notifications where recipient_id = ? and record_type = 'account'")
			.param(boss)
			.query(Long.class)
			.single()).isOne();
	}

	@Test
	void anAccountRuleOnAChangedFieldAssignsItAndSetsItsStage() {
		String token = unique();
		long rep = user(jdbc, "rep-" + token, "Rep " + token);
		long rule = rule(new RuleCommand("Robots " + token, "account", TriggerKind.FIELD_CHANGED, "industry", null,
				"robotics", null, List.of(new ConditionSpec("name", Operator.CONTAINS, token)),
				List.of(new ActionSpec(ActionType.ASSIGN, null, null, null, rep, null),
						new ActionSpec(ActionType.SET_FIELD, "lifecycleStage", "customer", null, null, null)),
				true, 0));
		long account = accounts.create(TestData.account("Robo " + token));
		long other = accounts.create(TestData.account("Other " + token));

		changeIndustry(account, "Robotics");
		changeIndustry(other, "Retail");

		await().atMost(PATIENCE).until(() -> runs.forRecord("account", account, 5).size() == 1);
		assertThat(runs.forRule(rule, null, 10)).extracting(RunRow::recordId).containsExactly(account);
		assertThat(jdbc.sql("select owner_id || ' ' || lifecycle_stage || ' v' || version from accounts where id = ?")
			.param(account)
			.query(String.class)
			.single()).isEqualTo(rep + " CUSTOMER v3");
		assertThat(history("account", account, "lifecycleStage")).containsExactly("LEAD → CUSTOMER");
	}

	@Test
	void anAccountWithNothingOnItsTimelineForTheRulesDaysGetsATaskOnce() {
		String token = unique();
		long owner = user(jdbc, "idle-" + token, "Idle " + token);
		long rule = rule(new RuleCommand("Quiet " + token, "account", TriggerKind.IDLE, null, null, null, 14,
				List.of(new ConditionSpec("name", Operator.CONTAINS, token)),
				List.of(new ActionSpec(ActionType.CREATE_TASK, null, "0", Recipient.OWNER, null, "Call " + token)),
				true, 0));
		long quiet = accounts.create(TestData.anAccount("Quiet " + token).owner(owner).build());
		long busy = accounts.create(TestData.anAccount("Busy " + token).owner(owner).build());
		backdate("accounts", quiet, 30);
		backdate("accounts", busy, 30);
		jdbc.sql("""
				insert into interactions (kind, occurred_at, account_id, subject, source_module)
				values ('CALL', now() - interval '2 days', ?, 'Call', 'core')
				""").param(busy).update();

		engine.runIdleRules();
		engine.runIdleRules();

		assertThat(runs.forRule(rule, null, 10)).extracting(RunRow::recordId).containsExactly(quiet);
		assertThat(jdbc.sql("select count(*) from tasks where assignee_id = ? and account_id = ?")
			.params(owner, quiet)
			.query(Long.class)
			.single()).isOne();
	}

	@Test
	void aContactRuleThatChangesItsOwnTriggerFieldRunsOnceAndTagsThePerson() {
		String token = unique();
		long rule = rule(new RuleCommand("Stage " + token, "contact", TriggerKind.FIELD_CHANGED, "lifecycleStage", null,
				null, null, List.of(new ConditionSpec("lastName", Operator.EQUALS, "Loop" + token)),
				List.of(new ActionSpec(ActionType.SET_FIELD, "lifecycleStage", "EVANGELIST", null, null, null),
						new ActionSpec(ActionType.ADD_TAG, null, "fan-" + token, null, null, null)),
				true, 0));
		long contact = contacts.create(TestData.contact("Lou", "Loop" + token, null, null));

		contacts.setFieldByRule(contact, "lifecycleStage", "CUSTOMER");

		await().atMost(PATIENCE).until(() -> runs.forRecord("contact", contact, 5).size() == 1);
		// its own change (CUSTOMER → EVANGELIST) carries the rule in its chain: no second
		// run
		sleepALittle();
		assertThat(runs.forRule(rule, null, 10)).singleElement().extracting(RunRow::status).isEqualTo("DONE");
		assertThat(jdbc.sql(
				"select lifecycle_stage || ' ' || array_to_string(tags, ',') || ' v' || version from contacts where id = ?")
			.param(contact)
			.query(String.class)
			.single()).isEqualTo("EVANGELIST fan-" + token + " v3");
		assertThat(history("contact", contact, "lifecycleStage")).containsExactly("LEAD → CUSTOMER",
				"CUSTOMER → EVANGELIST");
	}

	@Test
	void aContactNobodyTalkedToForTheRulesDaysIsNotifiedAboutOncePerIdlePeriod() {
		String token = unique();
		long owner = user(jdbc, "quiet-" + token, "Quiet " + token);
		long rule = rule(new RuleCommand("Silent " + token, "contact", TriggerKind.IDLE, null, null, null, 14,
				List.of(new ConditionSpec("lastName", Operator.CONTAINS, token)),
				List.of(new ActionSpec(ActionType.NOTIFY, null, null, Recipient.OWNER, null, "Call them")), true, 0));
		long silent = contacts.create(owned("Silent" + token, owner));
		long talked = contacts.create(owned("Talked" + token, owner));
		lastActivity(silent, 20);
		lastActivity(talked, 3);

		engine.runIdleRules();
		engine.runIdleRules();
		assertThat(runs.forRule(rule, null, 10)).extracting(RunRow::recordId).containsExactly(silent);

		// talked to, then silent again: a new period, a new run
		lastActivity(silent, 15);
		engine.runIdleRules();
		assertThat(runs.forRule(rule, null, 10)).hasSize(2);
	}

	@Test
	void anOverdueTaskNotifiesItsAssigneeOncePerDueTime() {
		String token = unique();
		long assignee = user(jdbc, "due-" + token, "Due " + token);
		long rule = rule(new RuleCommand("Late " + token, "task", TriggerKind.OVERDUE, null, null, null, null,
				List.of(new ConditionSpec("title", Operator.CONTAINS, token)),
				List.of(new ActionSpec(ActionType.NOTIFY, null, null, Recipient.OWNER, null, "It is late")), true, 0));
		long late = tasks
			.create(TestData.task("Send offer " + token, Instant.now().minus(Duration.ofHours(3)), assignee));
		long early = tasks.create(TestData.task("Plan " + token, Instant.now().plus(Duration.ofDays(2)), assignee));

		engine.runIdleRules();
		engine.runIdleRules();
		assertThat(runs.forRule(rule, null, 10)).extracting(RunRow::recordId).containsExactly(late);
		assertThat(jdbc.sql("select count(*) from notifications where recipient_id = ? and kind = 'WORKFLOW'")
			.param(assignee)
			.query(Long.class)
			.single()).isOne();

		// moved, and late again: it fires again; done, it doesn't
		tasks.reschedule(late, Instant.now().minus(Duration.ofHours(1)), version("tasks", late));
		tasks.complete(early);
		engine.runIdleRules();
		assertThat(runs.forRule(rule, null, 10)).extracting(RunRow::recordId).containsExactly(late, late);
	}

	@Test
	void anOverdueRuleThatMakesATaskDueAtOnceStopsAtTheFirstFollowUp() {
		String token = unique();
		long assignee = user(jdbc, "chase-" + token, "Chase " + token);
		long contact = contacts.create(TestData.contact("Cy", "Chased" + token, null, null));
		long rule = rule(new RuleCommand("Chase " + token, "task", TriggerKind.OVERDUE, null, null, null, null,
				List.of(new ConditionSpec("title", Operator.CONTAINS, token)),
				List.of(new ActionSpec(ActionType.CREATE_TASK, null, "0", Recipient.OWNER, null, "Chase " + token)),
				true, 0));
		long late = tasks.create(TestData.aboutContact(
				TestData.task("Reply " + token, Instant.now().minus(Duration.ofHours(2)), assignee), contact));

		engine.runIdleRules();
		sleepALittle();
		// the follow-up is due already: overdue at the next poll, but a rule's follow-up
		// about a task never sets off overdue rules
		engine.runIdleRules();
		engine.runIdleRules();

		assertThat(runs.forRule(rule, null, 10)).extracting(RunRow::recordId).containsExactly(late);
		assertThat(jdbc
			.sql("select title || ' ' || coalesce(related_ref, '-') from tasks where contact_id = ? order by id")
			.param(contact)
			.query(String.class)
			.list()).containsExactly("Reply " + token + " -", "Chase " + token + " task:" + late);
	}

	@Test
	void aTaskRuleThatMakesATaskOnCreatedMakesOneAndTagsItsContact() {
		String token = unique();
		long assignee = user(jdbc, "mk-" + token, "Maker " + token);
		long contact = contacts.create(TestData.contact("Tia", "Tasked" + token, null, null));
		long rule = rule(new RuleCommand("Follow " + token, "task", TriggerKind.CREATED, null, null, null, null,
				List.of(new ConditionSpec("title", Operator.CONTAINS, token)),
				List.of(new ActionSpec(ActionType.CREATE_TASK, null, "3", Recipient.OWNER, null, "Again " + token),
						new ActionSpec(ActionType.ADD_TAG, null, "tasked-" + token, null, null, null)),
				true, 0));

		long task = tasks.create(TestData
			.aboutContact(TestData.task("Call " + token, Instant.now().plus(Duration.ofDays(1)), assignee), contact));

		await().atMost(PATIENCE).until(() -> runs.forRecord("task", task, 5).size() == 1);
		// the task the rule made was made in its chain: the rule doesn't fire on it
		sleepALittle();
		assertThat(runs.forRule(rule, null, 10)).extracting(RunRow::recordId).containsExactly(task);
		assertThat(jdbc.sql("select title from tasks where contact_id = ? order by id")
			.param(contact)
			.query(String.class)
			.list()).containsExactly("Call " + token, "Again " + token);
		// a task has no tags: its contact gets the tag
		assertThat(jdbc.sql("select array_to_string(tags, ',') from contacts where id = ?")
			.param(contact)
			.query(String.class)
			.single()).isEqualTo("tasked-" + token);
	}

	@Test
	void twoRunnersHandlingTheSameContactChangeActOnce() throws Exception {
		String token = unique();
		long owner = user(jdbc, "two-" + token, "Two " + token);
		rule(new RuleCommand("Once " + token, "contact", TriggerKind.UPDATED, null, null, null, null,
				List.of(new ConditionSpec("lastName", Operator.CONTAINS, token)),
				List.of(new ActionSpec(ActionType.CREATE_TASK, null, null, Recipient.OWNER, null, "Only once")), true,
				0));
		long contact = contacts.create(owned("Twice" + token, owner));
		// The same event, as two nodes (or a re-sent publication) get it.
		RecordChanged event = new RecordChanged(UUID.randomUUID().toString(), "contact", contact, TriggerKind.UPDATED,
				Map.of("title", new FieldChange(null, "CEO")), List.of());

		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Integer>> ran = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				ran.add(pool.submit(() -> {
					start.await();
					return engine.handle(event);
				}));
			}
			start.countDown();
			assertThat(ran.get(0).get() + ran.get(1).get()).isEqualTo(1);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(runs.forRecord("contact", contact, 5)).hasSize(1);
		assertThat(jdbc.sql("select count(*) from tasks where assignee_id = ?").param(owner).query(Long.class).single())
			.isOne();
	}

	@Test
	void aRuleSettingAFieldTheRecordRefusesIsLoggedAsFailedAndChangesNothing() {
		String token = unique();
		long rule = rule(
				new RuleCommand("Too long " + token, "account", TriggerKind.CREATED, null, null, null, null,
						List.of(new ConditionSpec("name", Operator.CONTAINS, token)),
						List.of(new ActionSpec(ActionType.ADD_TAG, null, "never-" + token, null, null, null),
								new ActionSpec(ActionType.SET_FIELD, "industry", "x".repeat(150), null, null, null)),
						true, 0));

		long account = accounts.create(TestData.account("Refusing " + token));

		await().atMost(PATIENCE).until(() -> runs.forRecord("account", account, 5).size() == 1);
		assertThat(runs.forRule(rule, null, 10)).singleElement().satisfies(r -> {
			assertThat(r.status()).isEqualTo("FAILED");
			assertThat(r.detail()).isEqualTo("workflow.value.tooLong");
		});
		assertThat(version("accounts", account)).isZero();
	}

	private void changeIndustry(long account, String industry) {
		var a = accounts.details(account, org.opencrm.core.user.Visibility.all());
		accounts.update(account,
				new org.opencrm.core.account.AccountCommand(a.name(), a.domain(), industry, a.phone(), a.email(),
						a.website(), a.street(), a.city(), a.postalCode(), a.country(), a.lifecycleStage(), a.ownerId(),
						a.tags(), a.version()),
				org.opencrm.core.user.Visibility.all());
	}

	private static ContactCommand owned(String lastName, long owner) {
		return new ContactCommand("Pat", lastName, null, null, null, null, null, null, null, null, null,
				LifecycleStage.LEAD, owner, List.of(), false, false, 0);
	}

	private List<String> history(String type, long id, String field) {
		return jdbc.sql("""
				select coalesce(old_value, '') || ' → ' || coalesce(new_value, '') from audit_log
				where entity_type = ? and entity_id = ? and field = ? order by id
				""").params(type, id, field).query(String.class).list();
	}

	private void backdate(String table, long id, int days) {
		jdbc.sql("update " + table + " set created_at = now() - make_interval(days => ?) where id = ?")
			.params(days, id)
			.update();
	}

	private void lastActivity(long contact, int daysAgo) {
		jdbc.sql("update contacts set last_activity_at = now() - make_interval(days => ?) where id = ?")
			.params(daysAgo, contact)
			.update();
	}

	private long version(String table, long id) {
		return jdbc.sql("select version from " + table + " where id = ?").param(id).query(Long.class).single();
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
