package org.opencrm.core.timeline;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.opencrm.core.shared.Money;
import org.opencrm.core.shared.MoneyFormat;
import org.opencrm.core.shared.ReaderZone;
import org.springframework.context.MessageSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A line on the timeline as the application writes it: a message key and its arguments,
 * rendered in the reader's language when shown ({@link #render}), never English stored by
 * Java. {@link #quote} keeps words a person wrote (a customer's message, a user's note)
 * as they are. Arguments are text (names, numbers like {@code T-000042}), whole numbers,
 * {@link Money}, dates, moments (shown in the reader's zone), or {@link #label label
 * keys} (a status, rendered in the reader's language too).
 *
 * @param key the message key, null for a quote
 * @param args the arguments of the key (empty for a quote)
 * @param words the quoted words, null for a message
 */
public record TimelineText(String key, List<Object> args, String words) {

	// A key is dotted words, never a sentence: "Deal X moved to Y" is refused, so a new
	// writer can't slip English into the timeline as a key.
	private static final Pattern KEY = Pattern.compile("[a-z][A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]+)+");

	private static final JsonMapper JSON = JsonMapper.shared();

	public TimelineText {
		if ((key == null) == (words == null)) {
			throw new IllegalArgumentException("A timeline text is a message key or a quote");
		}
		if (key != null && !KEY.matcher(key).matches()) {
			throw new IllegalArgumentException("Not a message key: " + key);
		}
		args = List.copyOf(args == null ? List.of() : args);
		for (Object arg : args) {
			if (!(arg instanceof String || arg instanceof Long || arg instanceof Integer || arg instanceof Money
					|| arg instanceof LocalDate || arg instanceof Instant
					|| (arg instanceof TimelineText t && t.isMessage()))) {
				throw new IllegalArgumentException("Unsupported timeline argument: " + arg);
			}
		}
	}

	/** The message {@code key} with {@code args}; a null argument shows as empty text. */
	public static TimelineText of(String key, Object... args) {
		List<Object> list = new ArrayList<>(args.length);
		for (Object arg : args) {
			list.add(arg == null ? "" : arg);
		}
		return new TimelineText(key, list, null);
	}

	/** A message key without arguments used as an argument (a status, a kind). */
	public static TimelineText label(String key) {
		return new TimelineText(key, List.of(), null);
	}

	/** Words a person wrote, shown as they are; null for null. */
	public static TimelineText quote(String words) {
		return words == null ? null : new TimelineText(null, List.of(), words);
	}

	public boolean isMessage() {
		return key != null;
	}

	/**
	 * The text in {@code locale}: the message with its arguments formatted for that
	 * locale (money, dates), or the quoted words. A key missing from the bundle shows as
	 * the key.
	 */
	public String render(MessageSource messages, Locale locale) {
		if (!isMessage()) {
			return words;
		}
		Object[] formatted = args.stream().map(a -> format(a, messages, locale)).toArray();
		return messages.getMessage(key, formatted.length == 0 ? null : formatted, key, locale);
	}

	private static Object format(Object arg, MessageSource messages, Locale locale) {
		if (arg instanceof Money money) {
			return MoneyFormat.format(money, locale);
		}
		if (arg instanceof LocalDate date) {
			return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).format(date);
		}
		if (arg instanceof Instant instant) {
			// A moment, in the reader's zone and the bundle's date-time pattern (as pages
			// show dates).
			String pattern = messages.getMessage("format.dateTime", null, "yyyy-MM-dd HH:mm", locale);
			return DateTimeFormatter.ofPattern(pattern, locale)
				.format(instant.atZone(ReaderZone.or(ZoneId.systemDefault())));
		}
		if (arg instanceof TimelineText label) {
			return label.render(messages, locale);
		}
		return arg;
	}

	/**
	 * The arguments as stored ({@code interactions.*_args},
	 * {@code ticket_messages.body_args}; jsonb), null when none.
	 */
	public String argsJson() {
		if (args.isEmpty()) {
			return null;
		}
		return JSON.writeValueAsString(argsArray(args));
	}

	private static ArrayNode argsArray(List<Object> args) {
		ArrayNode array = JSON.createArrayNode();
		for (Object arg : args) {
			ObjectNode node = array.addObject();
			if (arg instanceof String s) {
				node.put("text", s);
			}
			else if (arg instanceof Number n) {
				node.put("number", n.longValue());
			}
			else if (arg instanceof Money m) {
				node.put("money", m.amount().toPlainString()).put("currency", m.currency());
			}
			else if (arg instanceof LocalDate d) {
				node.put("date", d.toString());
			}
			else if (arg instanceof Instant i) {
				node.put("instant", i.toString());
			}
			else {
				// A message as an argument (a scheduled task's title) keeps its own
				// arguments.
				TimelineText message = (TimelineText) arg;
				node.put("key", message.key());
				if (!message.args().isEmpty()) {
					node.set("args", argsArray(message.args()));
				}
			}
		}
		return array;
	}

	/** A text as stored: the key and its arguments, else the plain column. */
	public static TimelineText stored(String key, String argsJson, String plain) {
		if (key == null) {
			return quote(plain);
		}
		return new TimelineText(key, argsOf(argsJson == null ? null : JSON.readTree(argsJson)), null);
	}

	private static List<Object> argsOf(JsonNode array) {
		List<Object> args = new ArrayList<>();
		if (array != null) {
			for (JsonNode node : array) {
				args.add(arg(node));
			}
		}
		return args;
	}

	private static Object arg(JsonNode node) {
		if (node.has("money")) {
			return new Money(new BigDecimal(node.get("money").asString()), node.get("currency").asString());
		}
		if (node.has("number")) {
			return node.get("number").asLong();
		}
		if (node.has("date")) {
			return LocalDate.parse(node.get("date").asString());
		}
		if (node.has("instant")) {
			return Instant.parse(node.get("instant").asString());
		}
		if (node.has("key")) {
			return new TimelineText(node.get("key").asString(), argsOf(node.get("args")), null);
		}
		return Objects.requireNonNullElse(node.path("text").asString(), "");
	}

}
