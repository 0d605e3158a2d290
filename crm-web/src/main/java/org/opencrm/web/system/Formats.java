package org.opencrm.web.system;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.math.BigDecimal;
import org.opencrm.core.shared.CappedCount;
import org.opencrm.core.shared.Money;
import org.opencrm.core.shared.MoneyFormat;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Formatting helpers for templates ({@code ${@fmt.dateTime(x)}}), all in the
 * application's time zone.
 */
@Component("fmt")
public class Formats {

	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");

	private final Clock clock;

	Formats(Clock clock) {
		this.clock = clock;
	}

	public ZoneId zone() {
		return clock.getZone();
	}

	public String dateTime(Instant instant) {
		return instant == null ? "" : DATE_TIME.format(instant.atZone(zone()));
	}

	public String date(Instant instant) {
		return instant == null ? "" : DATE.format(instant.atZone(zone()));
	}

	public Instant toInstant(LocalDateTime local) {
		return local == null ? null : local.atZone(zone()).toInstant();
	}

	public Instant now() {
		return clock.instant();
	}

	/**
	 * Money as every page shows it, in the reader's locale ({@link MoneyFormat}):
	 * {@code 12,000.00 EUR}, {@code 12.000,00 EUR}; a null currency for a column whose
	 * heading names it.
	 */
	public String money(BigDecimal amount, String currency) {
		return MoneyFormat.format(amount, currency, LocaleContextHolder.getLocale());
	}

	public String money(Money money) {
		return MoneyFormat.format(money, LocaleContextHolder.getLocale());
	}

	public String count(CappedCount count) {
		if (count == null) {
			return "";
		}
		return String.format("%,d", count.value()) + (count.capped() ? "+" : "");
	}

}
