package org.opencrm.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.opencrm.core.TestData.unique;
import static org.opencrm.core.TestData.user;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The engine on real PostgreSQL with a record type of the tests' own ({@link Gadgets}):
 * each trigger, the conditions, the actions that core does itself, the claim that lets
 * two runners act once, a rule that never fires on its own change and two rules that set
 * each other off forever stopping at the chain's depth, logged.
 */
@SpringBootTest
@Import(Gadgets.class)
class WorkflowEngineTest {

	static final Duration PATIENCE = Duration.ofSeconds(20);

	@Autowired
	Gadgets gadgets;

	@Autowired
	WorkflowRules rules;

	@Autowired
	WorkflowEngine engine;

	@Autowired
	WorkflowRuns runs;

	@Autowired
	RuleRunner runner;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AccountService accounts;

	final List<Long> made = new ArrayList<>();

	@AfterEach
	void deleteRules() {
		made.forEach(rules::delete);
	}

	@Test
	void aRuleOnCreatedNotifiesAfterTheCommitOnce() {
		String token = unique();
		long boss = user(jdbc, "boss-" + token, "Boss " + token);
		rule(new RuleCommand("New gadget " + token, Gadgets.TYPE, TriggerKind.CREATED, null, null, null, null,
				List.of(nameContains(token)),
				List.of(new ActionSpec(ActionType.NOTIFY, null, null, Recipient.USER, boss, "A gadget arrived")), true,
				0));

		long gadget = gadgets.create("Gadget " + token, "new", 10, null, null);

		await().atMost(PATIENCE).until(() -> runsOf(gadget).size() == 1);
		assertThat(runsOf(gadget)).singleElement().satisfies(r -> {
			assertThat(r.status()).isEqualTo("DONE");
			assertThat(r.depth()).isEqualTo(1);
			assertThat(r.detail()).isEqualTo("NOTIFY");
		});
		assertThat(jdbc.sql("""
				select kind || ' ' || message_key || ' ' || array_to_string(message_args, '|') from notifications
				where recipient_id = ? and record_type = 'gadget' and record_id = ?
				""").params(boss, gadget).query(String.class).list())
			.containsExactly("WORKFLOW notification.workflow New gadget " + token + "|A gadget arrived");
	}

	@Test
	void aFieldChangedRuleActsOnlyOnItsFromAndToAndWhenItsConditionsHold() {
		String token = unique();
		long owner = user(jdbc, "own-" + token, "Owner " + token);
		long rule = rule(new RuleCommand("Won big " + token, Gadgets.TYPE, TriggerKind.FIELD_CHANGED, "status", "new",
				"won", null, List.of(nameContains(token), new ConditionSpec("amount", Operator.GREATER_THAN, "100")),
				List.of(new ActionSpec(ActionType.CREATE_TASK, null, "2", Recipient.OWNER, null, "Say thanks")), true,
				0));
		long small = gadgets.create("Small " + token, "new", 50, owner, account(token));
		long big = gadgets.create("Big " + token, "new", 500, owner, account(token));
		long lost = gadgets.create("Lost " + token, "new", 500, owner, account(token));

		gadgets.change(small, "status", "won");
		gadgets.change(lost, "status", "lost");
		gadgets.change(big, "status", "won");

		await().atMost(PATIENCE).until(() -> runsOf(big).size() == 1);
		assertThat(runs.forRule(rule, null, 10)).extracting(RunRow::recordId).containsExactly(big);
		assertThat(jdbc.sql("select title from tasks where assignee_id = ?").param(owner).query(String.class).list())
			.containsExactly("Say thanks");
	}

	@Test
	void twoRunnersHandlingTheSameEventActOnce() throws Exception {
		String token = unique();
		long owner = user(jdbc, "twice-" + token, "Twice " + token);
		rule(new RuleCommand("Once " + token, Gadgets.TYPE, TriggerKind.UPDATED, null, null, null, null,
				List.of(nameContains(token)),
				List.of(new ActionSpec(ActionType.CREATE_TASK, null, null, Recipient.OWNER, null, "Only once")), true,
				0));
		long gadget = jdbc.sql("""
				insert into workflow_test_gadgets (name, status, amount, owner_id, account_id, updated_at)
				values (?, 'new', 1, ?, ?, now()) returning id
				""").params("Twice " + token, owner, account(token)).query(Long.class).single();
		// The same event, as two nodes (or a re-sent publication) get it.
		RecordChanged event = new RecordChanged(UUID.randomUUID().toString(), Gadgets.TYPE, gadget, TriggerKind.UPDATED,
				Map.of("status", new FieldChange("new", "won")), List.of());

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
		assertThat(runsOf(gadget)).hasSize(1);
		assertThat(jdbc.sql("select count(*) from tasks where assignee_id = ?").param(owner).query(Long.class).single())
			.isOne();
	}

	@Test
	void aRuleNeverFiresOnItsOwnChange() {
		String token = unique();
		long rule = rule(new RuleCommand("Rename " + token, Gadgets.TYPE, TriggerKind.UPDATED, null, null, null, null,
				List.of(nameContains(token)),
				List.of(new ActionSpec(ActionType.SET_FIELD, "amount", "7", null, null, null)), true, 0));
		long gadget = gadgets.create("Self " + token, "new", 1, null, null);

		gadgets.change(gadget, "status", "won");

		await().atMost(PATIENCE).until(() -> runsOf(gadget).size() == 1);
		// its own change (amount 1 → 7) was published with the rule in its chain: no
		// second run
		sleepALittle();
		assertThat(runs.forRule(rule, null, 10)).singleElement().extracting(RunRow::status).isEqualTo("DONE");
		assertThat(gadgets.load(gadget).orElseThrow().values()).containsEntry("amount", "7.00");
	}

	@Test
	void twoRulesThatWouldSetEachOtherOffForeverStopAtTheChainsDepthAndSaySo() {
		String token = unique();
		long ping = rule(new RuleCommand("Ping " + token, Gadgets.TYPE, TriggerKind.FIELD_CHANGED, "status", null,
				"ping", null, List.of(nameContains(token)),
				List.of(new ActionSpec(ActionType.SET_FIELD, "status", "pong", null, null, null)), true, 0));
		long pong = rule(new RuleCommand("Pong " + token, Gadgets.TYPE, TriggerKind.FIELD_CHANGED, "status", null,
				"pong", null, List.of(nameContains(token)),
				List.of(new ActionSpec(ActionType.SET_FIELD, "status", "ping", null, null, null)), true, 0));
		long gadget = gadgets.create("Loop " + token, "new", 1, null, null);

		gadgets.change(gadget, "status", "ping");

		await().atMost(PATIENCE).until(() -> runsOf(gadget).stream().anyMatch(r -> r.status().equals("STOPPED_LOOP")));
		sleepALittle();
		List<RunRow> all = new ArrayList<>(runsOf(gadget));
		java.util.Collections.reverse(all);
		assertThat(all).extracting(RunRow::ruleId).containsExactly(ping, pong, ping, pong, ping, pong);
		assertThat(all).extracting(RunRow::depth).containsExactly(1, 2, 3, 4, 5, 6);
		assertThat(all).extracting(RunRow::status)
			.containsExactly("DONE", "DONE", "DONE", "DONE", "DONE", "STOPPED_LOOP");
		assertThat(all.get(5).detail()).isEqualTo(ping + " → " + pong + " → " + ping + " → " + pong + " → " + ping);
		// the last rule that acted left the gadget in "pong", and nothing runs any more
		assertThat(gadgets.load(gadget).orElseThrow().values()).containsEntry("status", "pong");
	}

	@Test
	void anIdleRuleActsOncePerIdlePeriod() {
		Idle idle = idleRule();
		long owner = idle.owner();
		long rule = idle.rule();
		long stale = gadget("Stale", idle);
		long fresh = gadget("Fresh", idle);
		gadgets.lastTouched(stale, Instant.now().minus(Duration.ofDays(20)));
		gadgets.lastTouched(fresh, Instant.now().minus(Duration.ofDays(3)));

		engine.runIdleRules();
		engine.runIdleRules();

		assertThat(runs.forRule(rule, null, 10)).extracting(RunRow::recordId).containsExactly(stale);
		// touched again and idle again: a new period, a new run
		gadgets.lastTouched(stale, Instant.now().minus(Duration.ofDays(15)));
		engine.runIdleRules();
		assertThat(runs.forRule(rule, null, 10)).hasSize(2);
		assertThat(jdbc.sql("select count(*) from tasks where assignee_id = ?").param(owner).query(Long.class).single())
			.isEqualTo(2);
	}

	@Test
	void aPollWithNothingNewFindsNothingAndARecordIdleLaterFiresOnce() {
		Idle idle = idleRule();
		long rule = idle.rule();
		long stale = gadget("Stale", idle);
		long later = gadget("Later", idle);
		Instant touched = Instant.now().truncatedTo(ChronoUnit.MICROS).minus(Duration.ofDays(20));
		gadgets.lastTouched(stale, touched);
		gadgets.lastTouched(later, Instant.now().minus(Duration.ofDays(3)));

		engine.runIdleRules();
		// the claim's key is the one claims always had: the period's start in epoch ms
		assertThat(
				jdbc.sql("select run_key from workflow_runs where rule_id = ?").param(rule).query(String.class).list())
			.containsExactly("idle:" + stale + ":" + touched.toEpochMilli());
		// the next poll's statement leaves the claimed period out, so it reads nothing to
		// act on
		assertThat(unclaimed(rule, stale, later)).isEmpty();
		engine.runIdleRules();
		assertThat(runs.forRule(rule, null, 10)).extracting(RunRow::recordId).containsExactly(stale);

		// the other one goes quiet later: found once, acted on once
		gadgets.lastTouched(later, Instant.now().minus(Duration.ofDays(15)));
		assertThat(unclaimed(rule, stale, later)).containsExactly(later);
		// in chunks of one: each chunk ends at its record and reads only its own claims
		RuleRunner.IdleChunk first = chunk(rule, stale - 1, 1);
		assertThat(first.end()).isEqualTo(stale);
		assertThat(first.fresh()).isEmpty();
		RuleRunner.IdleChunk second = chunk(rule, stale, 1);
		assertThat(second.end()).isEqualTo(later);
		assertThat(second.fresh()).extracting(IdleRecord::id).containsExactly(later);
		assertThat(chunk(rule, later, 1).end()).isNull();
		engine.runIdleRules();
		engine.runIdleRules();
		assertThat(runs.forRule(rule, null, 10)).extracting(RunRow::recordId).containsExactlyInAnyOrder(stale, later);
		assertThat(unclaimed(rule, stale, later)).isEmpty();
	}

	/** Which of {@code mine} a poll's chunk of {@code rule} (idle for 14 days) finds. */
	private List<Long> unclaimed(long rule, long... mine) {
		List<Long> ids = Arrays.stream(mine).boxed().toList();
		return chunk(rule, mine[0] - 1, WorkflowEngine.IDLE_CHUNK).fresh()
			.stream()
			.map(IdleRecord::id)
			.filter(ids::contains)
			.toList();
	}

	private RuleRunner.IdleChunk chunk(long rule, long after, int span) {
		return runner.unclaimed(rule, gadgets.idleSelect().orElseThrow(), Instant.now().minus(Duration.ofDays(14)),
				after, span);
	}

	@Test
	void aFailingActionIsLoggedAndUndoesTheRun() {
		String token = unique();
		long owner = user(jdbc, "fail-" + token, "Fail " + token);
		// The gadget's own rule refuses an amount that is not a number, after the task
		// was made.
		long rule = rule(
				new RuleCommand("Fails " + token, Gadgets.TYPE, TriggerKind.CREATED, null, null, null, null,
						List.of(nameContains(token)),
						List.of(new ActionSpec(ActionType.CREATE_TASK, null, null, Recipient.OWNER, null, "Never kept"),
								new ActionSpec(ActionType.SET_FIELD, "name", "x".repeat(150), null, null, null)),
						true, 0));
		long gadget = gadgets.create("Failing " + token, "new", 1, owner, account(token));

		await().atMost(PATIENCE).until(() -> runsOf(gadget).size() == 1);
		assertThat(runs.forRule(rule, null, 10)).singleElement().extracting(RunRow::status).isEqualTo("FAILED");
		assertThat(jdbc.sql("select count(*) from tasks where assignee_id = ?").param(owner).query(Long.class).single())
			.isZero();
	}

	private long account(String token) {
		return accounts.create(TestData.account("Gadget maker " + token + " " + unique()));
	}

	private long rule(RuleCommand cmd) {
		long id = rules.create(cmd);
		made.add(id);
		return id;
	}

	/** An idle rule with its owner and token: gadgets named with the token. */
	private record Idle(String token, long owner, long rule) {
	}

	private long gadget(String name, Idle idle) {
		return gadgets.create(name + " " + idle.token(), "new", 1, idle.owner(), account(idle.token()));
	}

	/** Gadgets named with a new token idle for 14 days: a task for their owner. */
	private Idle idleRule() {
		String token = unique();
		long owner = user(jdbc, "idle-" + token, "Idle " + token);
		return new Idle(token, owner,
				rule(new RuleCommand("Idle " + token, Gadgets.TYPE, TriggerKind.IDLE, null, null, null, 14,
						List.of(nameContains(token)),
						List.of(new ActionSpec(ActionType.CREATE_TASK, null, "0", Recipient.OWNER, null, "Call them")),
						true, 0)));
	}

	private static ConditionSpec nameContains(String token) {
		return new ConditionSpec("name", Operator.CONTAINS, token);
	}

	private List<RunRow> runsOf(long gadget) {
		return runs.forRecord(Gadgets.TYPE, gadget, 50);
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
