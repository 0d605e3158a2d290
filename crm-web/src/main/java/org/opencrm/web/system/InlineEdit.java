package org.opencrm.web.system;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A quick edit's small form (fragments/inline.html), shared by the lead and ticket quick
 * edits: one field chosen from {@code choices}, saved to {@code action} with the version
 * it was drawn with. With htmx it replaces the value in place ({@code cellId}); without
 * JavaScript it is a page of its own (fragments/inline-page.html) that goes back to the
 * record when saved.
 *
 * @param label the field's name (text)
 * @param value the chosen value, or what was sent
 * @param reasonLabel the name of a reason field beside the choice (a lead's reason for
 * disqualifying), null for none
 * @param problem a message about what was sent, null when none
 * @param conflict the message key saying someone changed the record meanwhile, null when
 * not
 * @param recordHref the record's page; {@code recordName} its name
 */
public record InlineEdit(String action, String cellId, String label, long version, String value, List<Choice> choices,
		String reasonLabel, String reason, String problem, String conflict, String recordHref, String recordName) {

	private static final Pattern ID = Pattern.compile("\\d{1,18}");

	/** One of the values to choose from, as sent and as shown. */
	public record Choice(String value, String text) {
	}

	public InlineEdit {
		choices = List.copyOf(choices);
	}

	/** The same form with a problem about what was sent. */
	public InlineEdit withProblem(String text) {
		return new InlineEdit(action, cellId, label, version, value, choices, reasonLabel, reason, text, conflict,
				recordHref, recordName);
	}

	/** The view: the small form for htmx, else the page holding it. */
	public static String view(String htmx) {
		return htmx == null ? "fragments/inline-page" : "fragments/inline :: edit";
	}

	/** A record id as sent, or null when it is none. */
	public static Long id(String value) {
		return value != null && ID.matcher(value.trim()).matches() ? Long.valueOf(value.trim()) : null;
	}

	/**
	 * Whether htmx sent the request from the record's own page ({@code recordPath}),
	 * whose other panels show the field too and carry the version: it reloads then.
	 */
	public static boolean fromRecordPage(String currentUrl, String recordPath) {
		return currentUrl != null
				&& currentUrl.matches("^(https?://[^/]+)?" + Pattern.quote(recordPath) + "([?#].*)?$");
	}

}
