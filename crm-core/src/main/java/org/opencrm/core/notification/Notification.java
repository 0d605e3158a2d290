package org.opencrm.core.notification;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A notification to send: to whom, what kind, its text as a message key of
 * {@code notifications/messages*.properties} with text arguments (rendered in the
 * reader's language when read: never English built in Java), and the record it is about.
 * When shown, argument {@code {0}} is who acted (their current name, empty for the
 * system); the arguments given here follow from {@code {1}}.
 *
 * @param recipientId the user told
 * @param kind what it is about (the user's mail choice is per kind)
 * @param messageKey e.g. {@code notification.assigned.account}
 * @param args the key's arguments from {@code {1}} on (names, titles, numbers)
 * @param recordType what it links to: {@code account}, {@code contact}, {@code lead},
 * {@code deal}, {@code ticket}, {@code task}; null for nothing
 * @param recordId that record's id
 */
public record Notification(long recipientId, NotificationKind kind, String messageKey, List<String> args,
		String recordType, Long recordId) {

	private static final Pattern KEY = Pattern.compile("notification(\\.[A-Za-z0-9_-]+)+");

	private static final Pattern TYPE = Pattern.compile("[a-z][a-z_]{0,19}");

	public Notification {
		Objects.requireNonNull(kind, "kind");
		if (messageKey == null || !KEY.matcher(messageKey).matches()) {
			throw new IllegalArgumentException("Not a notification message key: " + messageKey);
		}
		if ((recordType == null) != (recordId == null) || (recordType != null && !TYPE.matcher(recordType).matches())) {
			throw new IllegalArgumentException("A record link is a type and an id: " + recordType + " " + recordId);
		}
		args = args == null ? List.of() : args.stream().map(a -> a == null ? "" : a).toList();
	}

	/**
	 * A notification about nothing in particular; {@link #about} links it to a record.
	 */
	public static Notification to(long recipientId, NotificationKind kind, String messageKey, String... args) {
		return new Notification(recipientId, kind, messageKey, Arrays.asList(args), null, null);
	}

	public Notification about(String recordType, long recordId) {
		return new Notification(recipientId, kind, messageKey, args, recordType, recordId);
	}

}
