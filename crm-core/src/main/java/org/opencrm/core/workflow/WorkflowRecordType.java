package org.opencrm.core.workflow;

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
	 * For {@link TriggerKind#IDLE}: a select of {@code id} and {@code since} (when
	 * anything was last done to the record) of the records with nothing done since before
	 * the named parameter {@code :moment}; {@code :now} is the clock's time. The engine
	 * pages it by id and leaves out, in the same statement, the records the rule ran on
	 * for that {@code since} already, so the select says only which records can be idle
	 * and how long.
	 */
	default Optional<String> idleSelect() {
		return Optional.empty();
	}

	/**
	 * For {@link TriggerKind#OVERDUE}: a select as {@link #idleSelect()} of the open
	 * records due before {@code :moment}; {@code since} is their due time, so a new due
	 * time is a new period.
	 */
	default Optional<String> overdueSelect() {
		return Optional.empty();
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
