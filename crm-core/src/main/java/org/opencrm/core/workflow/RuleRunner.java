package org.opencrm.core.workflow;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.opencrm.core.shared.RuleViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
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

	/** A poll's chunk: a transaction for its {@code set local}. */
	private final TransactionTemplate plain;

	private final Clock clock;

	RuleRunner(JdbcClient jdbc, WorkflowActions actions, WorkflowSettings settings,
			PlatformTransactionManager transactions, Clock clock) {
		this.jdbc = jdbc;
		this.actions = actions;
		this.settings = settings;
		this.tx = new TransactionTemplate(transactions);
		this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.plain = new TransactionTemplate(transactions);
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

	/**
	 * The run key of an idle period in SQL: {@code idle:<id>:<since in epoch ms>}, as the
	 * claims made so far.
	 */
	private static final String IDLE_KEY = "'idle:' || x.id || ':' || floor(extract(epoch from x.since) * 1000)::bigint";

	/**
	 * One chunk of a poll: the records in it whose period the rule has not run on yet,
	 * and the id it ended at (null: the last chunk).
	 */
	record IdleChunk(List<IdleRecord> fresh, Long end) {
	}

	/**
	 * The next chunk after {@code afterId} of the records a type's idle or overdue
	 * {@code select} finds before {@code moment}: up to the {@code span}-th of them, and
	 * of those the ones the rule has not run on for their period. Both sides of the
	 * anti-join read just the chunk (the records by id, the rule's claims of them by
	 * {@code workflow_runs_rule_record_idx}), so a chunk with nothing new reads each of
	 * its records and claims once; a custom plan for each chunk's bounds (as a generic
	 * plan would probe the claims once per record).
	 */
	IdleChunk unclaimed(long ruleId, String select, Instant moment, long afterId, int span) {
		return plain.execute(status -> {
			jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
			Map<String, Object> params = Map.of("moment", Timestamp.from(moment), "now",
					Timestamp.from(clock.instant()), "after", afterId, "skip", span - 1, "rule", ruleId);
			Long end = jdbc
				.sql("select x.id from (" + select + ") x where x.id > :after order by x.id offset :skip limit 1")
				.params(params)
				.query(Long.class)
				.optional()
				.orElse(null);
			List<IdleRecord> fresh = jdbc.sql("select x.id, " + IDLE_KEY + " from (" + select
					+ ") x where x.id > :after and x.id <= :upto"
					+ " and not exists (select 1 from workflow_runs r where r.rule_id = :rule and r.record_id = x.id"
					+ " and r.record_id > :after and r.record_id <= :upto and r.run_key = " + IDLE_KEY + ")"
					+ " order by x.id")
				.params(params)
				.param("upto", end == null ? Long.MAX_VALUE : end)
				.query((rs, n) -> new IdleRecord(rs.getLong(1), rs.getString(2)))
				.list();
			return new IdleChunk(fresh, end);
		});
	}

}
