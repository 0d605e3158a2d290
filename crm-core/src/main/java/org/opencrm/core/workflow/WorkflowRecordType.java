package org.opencrm.core.workflow;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.opencrm.core.shared.RuleViolationException;

/**
 * The port a module implements for a record type it owns, so that core's engine can test
 * and change its records without depending on the module: its fields, one record's
 * values, and the changes actions make — always through the module's own service, so the
 * version, field history, timeline and events move as for a person's edit. Changes made
 * while a rule acts are published by the module through {@link RecordChanges}, which
 * carries the rule chain (the loop guard).
 */
public interface WorkflowRecordType {

	/** The type's name in rules: {@code deal}, {@code ticket}. */
	String type();

	/** The triggers the type offers. */
	Set<TriggerKind> triggers();

	/** The fields rules may test (and set, where settable). */
	List<WorkflowField> fields();

	/** The record as rules see it, empty when it is gone. */
	Optional<WorkflowRecord> load(long id);

	/**
	 * Sets a settable field (its value already checked against {@link #fields()}).
	 * @throws RuleViolationException when the record's own rules refuse it
	 */
	void setField(long id, String field, String value);

	/** Whether {@link #assign} works for this type. */
	default boolean assignable() {
		return false;
	}

	/** Gives the record to a user (the owner rule checked on the rule's save). */
	default void assign(long id, long userId) {
		throw new UnsupportedOperationException(type() + " can't be assigned by a rule");
	}

	/**
	 * For {@link TriggerKind#IDLE}: records with nothing done since before
	 * {@code idleSince}, by id after {@code afterId}, at most {@code limit}.
	 */
	default List<IdleRecord> idle(Instant idleSince, long afterId, int limit) {
		return List.of();
	}

	/**
	 * For {@link TriggerKind#OVERDUE}: open records due before {@code dueBefore} (the
	 * {@link IdleRecord#since} is their due time, so a new due time is a new period), by
	 * id after {@code afterId}, at most {@code limit}.
	 */
	default List<IdleRecord> overdue(Instant dueBefore, long afterId, int limit) {
		return List.of();
	}

	/**
	 * Whether the record carries tags of its own ({@link #addTag}); else "add a tag" tags
	 * the record's contact.
	 */
	default boolean tagged() {
		return false;
	}

	/**
	 * Adds a tag (one, already checked) through the record's service: version and field
	 * history move; nothing changes when it has it.
	 */
	default void addTag(long id, String tag) {
		throw new UnsupportedOperationException(type() + " has no tags");
	}

}
