package org.opencrm.service.queue;

/**
 * The agent queue's views: my tickets, my queues' tickets, nobody's tickets, and
 * (managers) all.
 */
public enum QueueView {

	MINE, MY_QUEUES, UNASSIGNED, ALL

}
