package org.opencrm.core.workflow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

/**
 * Runs the rules a change sets off, after it committed (one delivery per event and node;
 * a rule acts once per event however often it is delivered, see {@link RuleRunner}), and
 * the idle rules when the scheduler asks. A rule never fires on a change its own action
 * just made; a chain of rules setting each other off stops at
 * {@code crm.workflow.max-depth} ({@link RuleRunner}).
 */
@Component
class WorkflowEngine {

	/**
	 * How many of a type's idle records one chunk of a poll looks at (their ids and the
	 * keys of those new to the rule are held at once).
	 */
	static final int IDLE_CHUNK = 50_000;

	private final RuleSource rules;

	private final RecordTypes types;

	private final RuleRunner runner;

	private final Clock clock;

	WorkflowEngine(RuleSource rules, RecordTypes types, RuleRunner runner, Clock clock) {
		this.rules = rules;
		this.types = types;
		this.runner = runner;
		this.clock = clock;
	}

	/**
	 * Holds no transaction itself: each rule runs in its own ({@link RuleRunner}), so a
	 * delivery uses one connection at a time.
	 */
	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(RecordChanged event) {
		handle(event);
	}

	/**
	 * Runs the rules {@code event} sets off; returns how many acted (or were stopped).
	 */
	int handle(RecordChanged event) {
		Optional<WorkflowRecordType> type = types.find(event.recordType());
		if (type.isEmpty()) {
			return 0;
		}
		List<TriggerKind> triggers = event.kind() == TriggerKind.UPDATED
				? List.of(TriggerKind.UPDATED, TriggerKind.FIELD_CHANGED) : List.of(event.kind());
		int ran = 0;
		for (RuleSpec rule : rules.enabled(event.recordType(), triggers)) {
			FieldType fieldType = rule.triggerField() == null ? FieldType.TEXT
					: RecordTypes.field(type.get(), rule.triggerField())
						.map(WorkflowField::type)
						.orElse(FieldType.TEXT);
			boolean ownChange = !event.chain().isEmpty() && event.chain().get(event.chain().size() - 1) == rule.id();
			if (ownChange || !rule.triggeredBy(event, fieldType)) {
				continue;
			}
			if (runner.run(rule, type.get(), event.recordId(), "event:" + event.eventId(), event.chain())) {
				ran++;
			}
		}
		return ran;
	}

	/**
	 * Runs every idle rule over the records idle for its days, and every overdue rule
	 * over the records due more than its days ago; each record once per idle period or
	 * due time (the key is that moment). Returns how many runs acted.
	 */
	int runIdleRules() {
		int ran = 0;
		for (RuleSpec rule : rules.idleRules()) {
			Optional<WorkflowRecordType> type = types.find(rule.recordType());
			if (type.isEmpty() || !type.get().triggers().contains(rule.trigger())) {
				continue;
			}
			Optional<String> select = rule.trigger() == TriggerKind.OVERDUE ? type.get().overdueSelect()
					: type.get().idleSelect();
			if (select.isEmpty()) {
				continue;
			}
			int days = rule.idleDays() == null ? 0 : rule.idleDays();
			Instant moment = clock.instant().minus(Duration.ofDays(days));
			long after = 0;
			RuleRunner.IdleChunk chunk;
			do {
				chunk = runner.unclaimed(rule.id(), select.get(), moment, after, IDLE_CHUNK);
				for (IdleRecord record : chunk.fresh()) {
					if (runner.run(rule, type.get(), record.id(), record.key(), List.of())) {
						ran++;
					}
				}
				if (chunk.end() != null) {
					after = chunk.end();
				}
			}
			while (chunk.end() != null);
		}
		return ran;
	}

}
