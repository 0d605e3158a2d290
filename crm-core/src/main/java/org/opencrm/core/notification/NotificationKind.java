package org.opencrm.core.notification;

/**
 * What a notification is about; each user chooses per kind how it reaches them by mail
 * ({@link EmailDelivery}).
 */
public enum NotificationKind {

	/** A record (account, contact, lead, deal, ticket, task) was given to the user. */
	ASSIGNMENT(EmailDelivery.DAILY),
	/** Someone wrote {@code @username} in a note. */
	MENTION(EmailDelivery.IMMEDIATE),
	/**
	 * A ticket the user is assigned to nears or passes its SLA deadline. Daily by
	 * default: a backlog can raise many at once.
	 */
	SLA(EmailDelivery.DAILY),
	/**
	 * A task's reminder time came. Off by default: the reminder mails the assignee
	 * itself.
	 */
	TASK_REMINDER(EmailDelivery.OFF),
	/** A workflow rule's action told the user. */
	WORKFLOW(EmailDelivery.DAILY);

	private final EmailDelivery defaultDelivery;

	NotificationKind(EmailDelivery defaultDelivery) {
		this.defaultDelivery = defaultDelivery;
	}

	/** How the kind is mailed to a user who chose nothing. */
	public EmailDelivery defaultDelivery() {
		return defaultDelivery;
	}

}
