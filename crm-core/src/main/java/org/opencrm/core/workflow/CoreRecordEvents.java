package org.opencrm.core.workflow;

import org.opencrm.core.event.CoreRecordChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Core's accounts, contacts and tasks report their changes as {@link CoreRecordChanged},
 * in the change's transaction and thread: reported on to {@link RecordChanges} here, so
 * the rule chain on the thread (the loop guard) travels with them as with a deal's.
 */
@Component
class CoreRecordEvents {

	private final RecordChanges changes;

	CoreRecordEvents(RecordChanges changes) {
		this.changes = changes;
	}

	@EventListener
	void on(CoreRecordChanged event) {
		if (event.isCreation()) {
			changes.created(event.recordType(), event.id());
		}
		else {
			changes.updated(event.recordType(), event.id(), event.before(), event.after());
		}
	}

}
