package org.opencrm.service.demo;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opencrm.service.sla.BusinessCalendar;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceDemoDataTest {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	private static final BusinessCalendar WEEKDAYS_8_TO_18 = new BusinessCalendar(BERLIN,
			Map.of(DayOfWeek.MONDAY, office(), DayOfWeek.TUESDAY, office(), DayOfWeek.WEDNESDAY, office(),
					DayOfWeek.THURSDAY, office(), DayOfWeek.FRIDAY, office()),
			Set.of());

	@Test
	void liveTicketsStartedOnASundayAreOpenedInTheLastBusinessHoursNotOverTheWeekend() {
		Instant sundayNoon = ZonedDateTime.of(2026, 12, 6, 12, 0, 0, 0, BERLIN).toInstant();

		Instant opened = ServiceDemoData.businessMinutesAgo(WEEKDAYS_8_TO_18, sundayNoon, 90);

		// Friday 16:30 is 90 business minutes before the weekend, so its SLA clock has
		// run.
		assertThat(opened).isEqualTo(ZonedDateTime.of(2026, 12, 4, 16, 30, 0, 0, BERLIN).toInstant());
		assertThat(WEEKDAYS_8_TO_18.businessMinutesBetween(opened, sundayNoon)).isEqualTo(90);
	}

	@Test
	void onAWeekdayTheAgeIsCountedInsideOfficeHours() {
		Instant wednesday10 = ZonedDateTime.of(2026, 12, 9, 10, 0, 0, 0, BERLIN).toInstant();

		assertThat(ServiceDemoData.businessMinutesAgo(WEEKDAYS_8_TO_18, wednesday10, 60))
			.isEqualTo(ZonedDateTime.of(2026, 12, 9, 9, 0, 0, 0, BERLIN).toInstant());
		// Three hours back crosses the night: one hour of Tuesday's office hours is
		// needed.
		assertThat(ServiceDemoData.businessMinutesAgo(WEEKDAYS_8_TO_18, wednesday10, 180))
			.isEqualTo(ZonedDateTime.of(2026, 12, 8, 17, 0, 0, 0, BERLIN).toInstant());
	}

	private static List<BusinessCalendar.Window> office() {
		return List.of(new BusinessCalendar.Window(LocalTime.of(8, 0), LocalTime.of(18, 0)));
	}

}
