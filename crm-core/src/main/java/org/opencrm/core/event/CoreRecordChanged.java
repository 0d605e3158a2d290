package org.opencrm.core.event;

import java.util.Map;

/**
 * One of core's own records (an account, a contact, a task) was created or changed —
 * published by its service inside the transaction of the change, so workflow rules hear
 * of it (core's workflow package listens and reports it through {@code RecordChanges};
 * the services can't call it themselves, as the workflow package calls them).
 *
 * @param recordType its type in workflow rules: {@code account}, {@code contact},
 * {@code task}
 * @param id the record
 * @param before its fields before the change (as the field history names them), null when
 * it was created
 * @param after its fields after the change, null when it was created
 */
public record CoreRecordChanged(String recordType, long id, Map<String, String> before, Map<String, String> after) {

	public static CoreRecordChanged created(String recordType, long id) {
		return new CoreRecordChanged(recordType, id, null, null);
	}

	public static CoreRecordChanged updated(String recordType, long id, Map<String, String> before,
			Map<String, String> after) {
		return new CoreRecordChanged(recordType, id, before, after);
	}

	public boolean isCreation() {
		return before == null;
	}

}
