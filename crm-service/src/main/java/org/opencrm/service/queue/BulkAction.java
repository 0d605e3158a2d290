package org.opencrm.service.queue;

/** What the queue's bulk bar does to the ticked tickets. */
public enum BulkAction {

	ASSIGN, STATUS, PRIORITY

}
