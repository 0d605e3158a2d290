package org.opencrm.core.workflow;

/** Who a task or notification of a rule is for. */
public enum Recipient {

	/** The record's owner (a ticket's assignee). */
	OWNER,
	/** The manager of the owner's team (else the first manager). */
	MANAGER,
	/** The user the action names. */
	USER

}
