package org.opencrm.marketing.sequence;

public enum StepKind {

	/** Send a template to the contact (if they may get marketing e-mail). */
	SEND,
	/** Wait a number of days before the next step. */
	WAIT,
	/** Go to one step if the previous e-mail was opened (or clicked), else to another. */
	BRANCH,
	/** Add a tag to the contact. */
	TAG,
	/** Create a follow-up task for the contact's owner. */
	TASK

}
