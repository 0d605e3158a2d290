package org.opencrm.web.sales.myday;

import java.time.Instant;
import java.util.Locale;
import org.opencrm.sales.myday.MyDay.DayTask;
import org.opencrm.web.system.Formats;
import org.springframework.context.MessageSource;

/**
 * A task of "my day" as the page shows it: its due time and how late it is as text, and
 * the paths of its snooze and done actions, worked out here once rather than per button
 * in the template (up to 50 tasks with four action buttons each were most of the page's
 * rendering, JFR in bench/load).
 */
record TaskLine(long id, String title, String due, String late, Long contactId, String contactName, Long accountId,
		String accountName, String snoozePath, String completePath) {

	static TaskLine of(DayTask t, Instant now, Formats fmt, MessageSource messages, Locale locale) {
		String late = t.dueAt().isBefore(now)
				? messages.getMessage("myday.overdueBy", new Object[] { t.daysOverdue(now) }, locale) : null;
		return new TaskLine(t.id(), t.title(), fmt.dateTime(t.dueAt()), late, t.contactId(), t.contactName(),
				t.accountId(), t.accountName(), "/tasks/" + t.id() + "/snooze?version=" + t.version(),
				"/tasks/" + t.id() + "/complete");
	}

	/** A snooze button: the value it sends and its label. */
	record Choice(String value, String text) {
	}

}
