package org.opencrm.core.dedupe;

import java.util.List;
import java.util.Map;
import org.opencrm.core.user.Visibility;

/**
 * One record type's part of a merge: its fields, reading a record as the user may see it,
 * and the survivor's update and the others' deletion through the type's own service
 * (versions, visibility, field history, deletion checks). Core has the contacts' and
 * accounts'; a module whose records core can't see implements it as a bean of its own
 * (sales' {@code LeadMerging}).
 */
public interface MergeTarget<T> {

	RecordType type();

	List<String> fields();

	/** The record as {@code visibility} may see it; else "not found". */
	T load(long id, Visibility visibility);

	long version(T record);

	String title(T record);

	/** Each field's value as shown; null or blank is "empty". */
	Map<String, String> values(T record);

	/**
	 * The record whose value a field takes by default when the rule "the survivor's, else
	 * the first non-empty" doesn't fit (consent: the latest decision); null for the rule.
	 */
	default T preferred(String field, List<T> records) {
		return null;
	}

	/**
	 * A field's value as the field history stores it: a reference as its id (the history
	 * shows its name), anything else as shown.
	 */
	default String stored(T record, String field) {
		return values(record).get(field);
	}

	/**
	 * Refuses a record that can't be merged (a converted lead), for the preview and the
	 * merge alike.
	 * @throws org.opencrm.core.shared.RuleViolationException with the reason
	 */
	default void requireMergeable(T record) {
	}

	/** Locks the rows, in id order, so two merges of overlapping records queue. */
	void lock(List<Long> ids);

	/**
	 * Gives the survivor the chosen values (field → the record to take it from) and every
	 * record's tags.
	 */
	void update(T survivor, Map<String, T> chosen, List<T> all, Visibility visibility);

	/** Deletes a merged-away record, everything related already moved. */
	void delete(T merged, Visibility visibility);

	/**
	 * The survivor's account and contact, for the timeline line; neither (a lead, which
	 * is not on the timeline): no line, {@link #update} notes the merge itself.
	 */
	Long accountOf(T record);

	Long contactOf(T record);

}
