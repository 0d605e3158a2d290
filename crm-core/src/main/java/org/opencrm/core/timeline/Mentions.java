package org.opencrm.core.timeline;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opencrm.core.notification.Notification;
import org.opencrm.core.notification.NotificationKind;
import org.opencrm.core.notification.Notifications;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;

/**
 * {@code @username} in what a person logs (a note, a call): each enabled CRM user so
 * named is notified ({@link NotificationKind#MENTION}). A mention is the user's sign-in
 * name, case-insensitive, after a space or the start of the text — so an e-mail address
 * ({@code anna@example.com}) is no mention.
 */
@Component
class Mentions {

	/** A handle: letters, digits, dot, dash and underscore, not ending in a dot. */
	static final Pattern MENTION = Pattern.compile("(?<![\\w.@-])@([\\w][\\w.-]{0,48}[\\w]|[\\w])",
			Pattern.UNICODE_CHARACTER_CLASS);

	/** More than this many in one note are ignored (a pasted list is no conversation). */
	static final int MAX_PER_TEXT = 20;

	private final JdbcClient jdbc;

	private final Notifications notifications;

	Mentions(JdbcClient jdbc, Notifications notifications) {
		this.jdbc = jdbc;
		this.notifications = notifications;
	}

	/** The handles named in {@code texts}, lower-cased, in order of appearance. */
	static Set<String> handles(String... texts) {
		Set<String> found = new LinkedHashSet<>();
		for (String text : texts) {
			if (text == null) {
				continue;
			}
			Matcher m = MENTION.matcher(text);
			while (m.find() && found.size() < MAX_PER_TEXT) {
				found.add(m.group(1).toLowerCase(Locale.ROOT));
			}
		}
		return found;
	}

	/** Notifies the users an entry a person logged mentions, about its customer. */
	void notifyMentioned(RecordInteraction cmd, Long accountId) {
		Set<String> handles = handles(cmd.subject().words(), cmd.body() == null ? null : cmd.body().words());
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
