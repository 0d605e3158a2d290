package org.opencrm.core.timeline;

/**
 * Told about every entry a person logs on a timeline ({@link TimelineService#log}), in
 * the same transaction; notifications implement it for {@code @mentions}. An interface
 * here rather than a call out, so the timeline depends on no module that itself writes to
 * the timeline or sends mail.
 */
public interface LoggedEntryListener {

	void logged(RecordInteraction entry, Long accountId);

}
