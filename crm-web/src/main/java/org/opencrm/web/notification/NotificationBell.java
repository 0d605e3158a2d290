package org.opencrm.web.notification;

import org.opencrm.core.notification.NotificationList;
import org.opencrm.core.user.CrmUser;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The navbar's bell ({@code @bell} in templates): the signed-in user's unread count, one
 * indexed statement per page, so the count is there without JavaScript; htmx refreshes it
 * every minute from {@code /notifications/bell}.
 */
@Component("bell")
class NotificationBell {

	private final NotificationList notifications;

	NotificationBell(NotificationList notifications) {
		this.notifications = notifications;
	}

	/** The unread count of the signed-in staff member (0 for anyone else). */
	public int unread() {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		return auth != null && auth.getPrincipal() instanceof CrmUser user ? notifications.unreadCount(user.id()) : 0;
	}

	/** The count as the badge shows it: "99+" past the cap, empty for none. */
	public String badge(int unread) {
		return unread == 0 ? ""
				: unread > NotificationList.UNREAD_CAP ? NotificationList.UNREAD_CAP + "+" : Integer.toString(unread);
	}

}
