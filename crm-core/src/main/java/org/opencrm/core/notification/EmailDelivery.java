package org.opencrm.core.notification;

/** How a user hears of a kind of notification by e-mail, besides the bell. */
public enum EmailDelivery {

	/** Only in the app. */
	OFF,
	/** A mail per notification, queued with it. */
	IMMEDIATE,
	/** Gathered into one mail a day ({@link NotificationDigest}). */
	DAILY

}
