package org.opencrm.core.workflow;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.opencrm.core.shared.RuleViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One rule on one record, in a transaction of its own: the conditions are tested, then
 * the run is claimed — a row in {@code workflow_runs} unique on (rule, key), inserted
 * before the actions — and the actions run in the same transaction. A second node (or a
 * second delivery of the event) inserting the same key waits for the first one's commit
 * and then inserts nothing, so it does nothing; if the first rolled back, the second one
 * acts. Actions run with the chain (this rule appended) on the thread, so the changes
 * they make carry it; a chain already {@code max-depth} long is logged as
 * {@code STOPPED_LOOP} and nothing is done. A failing action rolls its run back and is
 * logged as {@code FAILED} with its message key.
 */
@Component
class RuleRunner {

	private static final Log log = LogFactory.getLog(RuleRunner.class);

	private final JdbcClient jdbc;

	private final WorkflowActions actions;

	private final WorkflowSettings settings;

	private final TransactionTemplate tx;

	private final Clock clock;

	RuleRunner(JdbcClient jdbc, WorkflowActions actions, WorkflowSettings settings,
			PlatformTransactionManager transactions, Clock clock) {
		this.jdbc = jdbc;
		this.actions = actions;
		this.settings = settings;
		this.tx = new TransactionTemplate(transactions);
		this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
	}

	/** Whether the rule acted (or was stopped as a loop) in this call. */
	boolean run(RuleSpec rule, WorkflowRecordType type, long recordId, String key, List<Long> chain) {
		try {
			return Boolean.TRUE.equals(tx.execute(status -> act(rule, type, recordId, key, chain)));
		}
		catch (RuntimeException ex) {
			String reason = ex instanceof RuleViolationException rule1 ? rule1.code() : ex.getClass().getSimpleName();
			log.warn("Workflow rule " + rule.id() + " failed on " + type.type() + " " + recordId + ": " + ex);
			tx.executeWithoutResult(
					status -> claim(rule, type.type(), recordId, key, "FAILED", chain.size() + 1, reason));
			return false;
		}
	}

	private boolean act(RuleSpec rule, WorkflowRecordType type, long recordId, String key, List<Long> chain) {
		Optional<WorkflowRecord> record = type.load(recordId);
		if (record.isEmpty() || !matches(rule, type, record.get())) {
			return false;
		}
		if (chain.size() >= settings.maxDepth()) {
			String path = chain.stream().map(String::valueOf).collect(Collectors.joining(" → "));
			return claim(rule, type.type(), recordId, key, "STOPPED_LOOP", chain.size() + 1, path) != null;
		}
		Long runId = claim(rule, type.type(), recordId, key, "DONE", chain.size() + 1, null);
		if (runId == null) {
			return false;
		}
		List<Long> next = new ArrayList<>(chain);
		next.add(rule.id());
		List<String> done = WorkflowChain.within(next, () -> actions.perform(rule, type, record.get(), runId));
		jdbc.sql("update workflow_runs set detail = ? where id = ?").params(String.join(",", done), runId).update();
		return true;
	}

	/** Whether all the rule's conditions hold (the type's fields read once). */
	static boolean matches(RuleSpec rule, WorkflowRecordType type, WorkflowRecord record) {
		if (rule.conditions().isEmpty()) {
			return true;
		}
		List<WorkflowField> fields = type.fields();
		for (ConditionSpec c : rule.conditions()) {
			FieldType fieldType = fields.stream()
				.filter(f -> f.key().equals(c.field()))
				.map(WorkflowField::type)
				.findFirst()
				.orElse(null);
			if (fieldType == null || !c.operator().test(fieldType, record.values().get(c.field()), c.value())) {
				return false;
			}
		}
		return true;
	}

	/** The run's row, or null when another run holds the key. */
	private Long claim(RuleSpec rule, String type, long recordId, String key, String status, int depth, String detail) {
		return jdbc.sql("""
				insert into workflow_runs (rule_id, record_type, record_id, run_key, status, depth, detail, created_at)
				values (?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (rule_id, run_key) do nothing returning id
				""")
			.params(rule.id(), type, recordId, key, status, depth, detail, Timestamp.from(clock.instant()))
			.query(Long.class)
			.optional()
			.orElse(null);
	}

	/** The records of {@code page} whose idle period the rule has not yet run for. */
	List<IdleRecord> unclaimed(long ruleId, List<IdleRecord> page) {
		if (page.isEmpty()) {
			return page;
		}
		Set<String> claimed = Set
			.copyOf(jdbc.sql("select run_key from workflow_runs where rule_id = ? and run_key = any(?)")
				.params(ruleId, new SqlArrayValue("varchar", page.stream().map(WorkflowEngine::idleKey).toArray()))
				.query(String.class)
				.list());
		return page.stream().filter(r -> !claimed.contains(WorkflowEngine.idleKey(r))).toList();
	}

}
