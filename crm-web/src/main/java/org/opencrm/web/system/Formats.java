package org.opencrm.web.system;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.opencrm.core.shared.CappedCount;
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

	public String count(CappedCount count) {
		if (count == null) {
			return "";
		}
		return String.format("%,d", count.value()) + (count.capped() ? "+" : "");
	}

}
