package org.opencrm.core.task;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import org.opencrm.core.timeline.TimelineText;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * A task's title and description as the reader sees them: a task the application
 * scheduled is rendered from its message key in the reader's language (the current
 * request's locale), one a person typed, or one from before the keys, as stored. For
 * every query that shows tasks: select {@code t.title, t.title_key, t.title_args} (and
 * the {@code description} trio) and ask here.
 */
@Component
public class TaskTexts {

	private final MessageSource messages;

	TaskTexts(MessageSource messages) {
		this.messages = messages;
	}

	/**
	 * The title of the row, from {@code title}, {@code title_key}, {@code title_args}.
	 */
	public String title(ResultSet rs) throws SQLException {
		return render(rs.getString("title_key"), rs.getString("title_args"), rs.getString("title"));
	}

	/**
	 * The description of the row, from {@code description}, {@code description_key},
	 * {@code description_args}.
	 */
	public String description(ResultSet rs) throws SQLException {
		return render(rs.getString("description_key"), rs.getString("description_args"), rs.getString("description"));
	}

	private String render(String key, String args, String stored) {
		return render(key, args, stored, LocaleContextHolder.getLocale());
	}

	/**
	 * A title or description stored as {@code key}/{@code args}/{@code stored}, in
	 * {@code locale}.
	 */
	String render(String key, String args, String stored, Locale locale) {
		if (key == null) {
			return stored;
		}
		return TimelineText.stored(key, args, stored).render(messages, locale);
	}

}
