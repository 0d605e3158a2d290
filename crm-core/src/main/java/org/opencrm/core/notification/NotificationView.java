package org.opencrm.core.notification;

import java.time.Instant;

/**
 * A notification as its recipient reads it: the text already in their language, and the
 * app path of the record it is about (null for none).
 */
public record NotificationView(long id, NotificationKind kind, String text, String path, Instant createdAt,
		Instant readAt) {

	public boolean unread() {
		return readAt == null;
	}

}
