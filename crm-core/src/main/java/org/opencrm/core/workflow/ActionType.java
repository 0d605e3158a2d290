package org.opencrm.core.workflow;

/** What a rule does. */
public enum ActionType {

	/** Gives the record to a user (an owner the owner rule allows). */
	ASSIGN,
	/** Sets a settable field to a value. */
	SET_FIELD,
	/** Creates a task (text = title, value = due in days) for a recipient. */
	CREATE_TASK,
	/** Sends an e-mail template (value = its id), merged, through the mail outbox. */
	SEND_EMAIL,
	/** Notifies a recipient (text) in the app, kind WORKFLOW. */
	NOTIFY,
	/** Adds a tag (value) to the record, or to its contact when it has no tags. */
	ADD_TAG,
	/** POSTs the record as JSON, signed with the rule's HMAC key, to a URL (value). */
	WEBHOOK

}
