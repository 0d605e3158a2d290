package org.opencrm.web.system;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.opencrm.core.shared.CappedCount;
import org.opencrm.core.shared.LocaleNumbers;
import org.opencrm.core.shared.Money;
import org.opencrm.core.shared.MoneyFormat;
import org.opencrm.core.shared.ReaderZone;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Formatting helpers for templates ({@code ${@fmt.dateTime(x)}}), in the reader's time
 * zone (their own setting, else the install's: {@link ReaderZone}) and language: the
 * patterns are the bundles' {@code format.date}, {@code format.dateTime},
 * {@code format.time} ({@code 2026-12-07 14:30}, {@code 07.12.2026 14:30}), numbers and
 * money by the locale. A date typed into a form is read in the same zone
 * ({@link #toInstant}).
 */
@Component("fmt")
public class Formats {

	private final Clock clock;

	private final MessageSource messages;

	private final Map<String, DateTimeFormatter> patterns = new ConcurrentHashMap<>();

	Formats(Clock clock, MessageSource messages) {
		this.clock = clock;
		this.messages = messages;
	}

	/** The reader's time zone. */
	public ZoneId zone() {
		return ReaderZone.or(clock.getZone());
	}

	public String dateTime(Instant instant) {
		return instant == null ? "" : pattern("format.dateTime", "yyyy-MM-dd HH:mm").format(instant.atZone(zone()));
	}

	public String date(Instant instant) {
		return instant == null ? "" : pattern("format.date", "yyyy-MM-dd").format(instant.atZone(zone()));
	}

	/** A calendar day (a close date, a purchase), which has no zone. */
	public String day(LocalDate date) {
		return date == null ? "" : pattern("format.date", "yyyy-MM-dd").format(date);
	}

	public String time(Instant instant) {
		return instant == null ? "" : pattern("format.time", "HH:mm").format(instant.atZone(zone()));
	}

	/** A day of the week in the reader's language: "Monday", "Montag". */
	public String dayOfWeek(DayOfWeek day) {
		return day == null ? "" : day.getDisplayName(TextStyle.FULL, LocaleContextHolder.getLocale());
	}

	/** A date and time typed into a form (datetime-local), read in the reader's zone. */
	public Instant toInstant(LocalDateTime local) {
		return local == null ? null : local.atZone(zone()).toInstant();
	}

	/** Now in the reader's zone, as a datetime-local field shows it. */
	public LocalDateTime localNow() {
		return LocalDateTime.ofInstant(now(), zone());
	}

	public Instant now() {
		return clock.instant();
	}

	/**
	 * Money as every page shows it, in the reader's locale ({@link MoneyFormat}):
	 * {@code €12,000.00}, {@code 12.000,00 €}; a null currency for a column whose heading
	 * or neighbour names it.
	 */
	public String money(BigDecimal amount, String currency) {
		return MoneyFormat.format(amount, currency, LocaleContextHolder.getLocale());
	}

	public String money(Money money) {
		return MoneyFormat.format(money, LocaleContextHolder.getLocale());
	}

	/**
	 * The reader's words for a code's message key, else the fallback (a value with no
	 * label).
	 */
	public String label(String code, String fallback) {
		return messages.getMessage(code, null, fallback, LocaleContextHolder.getLocale());
	}

	/** A number in the reader's locale: {@code 1,234.5}, {@code 1.234,5}. */
	public String number(Number number) {
		if (number == null) {
			return "";
		}
		NumberFormat format = LocaleNumbers.numberFormat(LocaleContextHolder.getLocale());
		format.setMaximumFractionDigits(2);
		return format.format(number);
	}

	/**
	 * A duration in its two largest units, named in the reader's language: "45 min", "3 h
	 * 20 min", "2 d 4 h" ({@code duration.*}).
	 */
	public String duration(Duration duration) {
		long minutes = duration.toMinutes();
		if (minutes < 60) {
			return unit("duration.minutes", minutes);
		}
		long hours = minutes / 60;
		if (hours < 24) {
			return unit("duration.hours", hours)
					+ (minutes % 60 == 0 ? "" : " " + unit("duration.minutes", minutes % 60));
		}
		return unit("duration.days", hours / 24) + (hours % 24 == 0 ? "" : " " + unit("duration.hours", hours % 24));
	}

	private String unit(String key, long count) {
		return messages.getMessage(key, new Object[] { Long.toString(count) }, LocaleContextHolder.getLocale());
	}

	/**
	 * A count in the reader's locale; one that reached its cap as the bundles'
	 * {@code common.count.capped} ({@code 500+}).
	 */
	public String count(CappedCount count) {
		if (count == null) {
			return "";
		}
		Locale locale = LocaleContextHolder.getLocale();
		String value = String.format(locale, "%,d", count.value());
		return count.capped() ? messages.getMessage("common.count.capped", new Object[] { value }, value + "+", locale)
				: value;
	}

	private DateTimeFormatter pattern(String key, String fallback) {
		Locale locale = LocaleContextHolder.getLocale();
		String pattern = messages.getMessage(key, null, fallback, locale);
		return patterns.computeIfAbsent(pattern + '|' + locale.toLanguageTag(),
				p -> DateTimeFormatter.ofPattern(pattern, locale));
	}

}
