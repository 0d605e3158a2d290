package org.opencrm.core.notification;

import java.util.List;
import java.util.Set;
import org.opencrm.core.timeline.LoggedEntryListener;
import org.opencrm.core.timeline.Mentions;
import org.opencrm.core.timeline.RecordInteraction;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;

/** Tells the users an entry a person logged mentions ({@link Mentions}). */
@Component
class MentionNotifier implements LoggedEntryListener {

	private final JdbcClient jdbc;

	private final Notifications notifications;

	MentionNotifier(JdbcClient jdbc, Notifications notifications) {
		this.jdbc = jdbc;
		this.notifications = notifications;
	}

	@Override
	public void logged(RecordInteraction cmd, Long accountId) {
		Set<String> handles = Mentions.handles(cmd.subject().words(), cmd.body() == null ? null : cmd.body().words());
		if (handles.isEmpty()) {
			return;
		}
		List<Long> users = jdbc.sql("""
				select id from users
				where lower(username) = any(?) and enabled and role <> 'CUSTOMER'
				order by id
				""").param(new SqlArrayValue("text", handles.toArray())).query(Long.class).list();
		String subject = cmd.subject().words();
		String excerpt = subject.length() > 120 ? subject.substring(0, 119) + "…" : subject;
		for (long user : users) {
			Notification n = Notification.to(user, NotificationKind.MENTION, "notification.mention", excerpt);
			notifications.notify(cmd.contactId() != null ? n.about("contact", cmd.contactId())
					: accountId != null ? n.about("account", accountId) : n);
		}
	}

}
