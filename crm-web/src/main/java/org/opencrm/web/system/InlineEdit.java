package org.opencrm.web.system;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.opencrm.core.shared.NotFoundException;

/**
 * A quick edit's small form (fragments/inline.html), shared by the lead, ticket and deal
 * quick edits: one field, chosen from {@code choices} or typed ({@link Input}), saved to
 * {@code action} with the version it was drawn with. With htmx it replaces the value in
 * place ({@code cellId}); without JavaScript it is a page of its own
 * (fragments/inline-page.html) that goes back to the record when saved.
 *
 * @param label the field's name (text)
 * @param value the chosen value, or what was sent
 * @param reasonLabel the name of a reason field beside the choice (a lead's reason for
 * disqualifying), null for none
 * @param problem a message about what was sent, null when none
 * @param conflict the message key saying someone changed the record meanwhile, null when
 * not
 * @param recordHref the record's page; {@code recordName} its name
 * @param locked why the field can't be changed here (shown, the field and Save disabled),
 * null when it can
 */
public record InlineEdit(String action, String cellId, String label, long version, String value, Input input,
		List<Choice> choices, String reasonLabel, String reason, String problem, String conflict, String recordHref,
		String recordName, String locked) {

	/** How the value is given: one of the choices, an amount typed, a day picked. */
	public enum Input {

		CHOICE, AMOUNT, DATE

	}

	/**
	 * A field a record offers for quick edits (a controller's enum): named in the address
	 * as its constant in camel case ({@code CLOSE_DATE}: {@code closeDate}).
	 */
	public interface Field {

		String name();

		/** The message key of the field's name. */
		String label();

		default String path() {
			String[] words = name().toLowerCase(Locale.ROOT).split("_");
			StringBuilder path = new StringBuilder(words[0]);
			for (int i = 1; i < words.length; i++) {
				path.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
			}
			return path.toString();
		}

	}

	private static final Pattern ID = Pattern.compile("\\d{1,18}");

	/** One of the values to choose from, as sent and as shown. */
	public record Choice(String value, String text) {
	}

	public InlineEdit {
		choices = List.copyOf(choices);
	}

	/** A choice among {@code choices}, nothing locked. */
	public InlineEdit(String action, String cellId, String label, long version, String value, List<Choice> choices,
			String reasonLabel, String reason, String problem, String conflict, String recordHref, String recordName) {
		this(action, cellId, label, version, value, Input.CHOICE, choices, reasonLabel, reason, problem, conflict,
				recordHref, recordName, null);
	}

	/** The same form with a problem about what was sent. */
	public InlineEdit withProblem(String text) {
		return new InlineEdit(action, cellId, label, version, value, input, choices, reasonLabel, reason, text,
				conflict, recordHref, recordName, locked);
	}

	/**
	 * The field of {@code fields} the address names.
	 * @throws NotFoundException when it names none
	 */
	public static <F extends Enum<F> & Field> F field(Class<F> fields, String path) {
		return Arrays.stream(fields.getEnumConstants())
			.filter(f -> f.path().equals(path))
			.findFirst()
			.orElseThrow(() -> new NotFoundException("Field", 0));
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
