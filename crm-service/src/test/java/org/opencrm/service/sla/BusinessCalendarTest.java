package org.opencrm.service.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Business-time arithmetic, checked against hand-computed times (Berlin is UTC+1 in March
 * 2030).
 */
class BusinessCalendarTest {

	static final BusinessCalendar OFFICE;

	static {
		Map<DayOfWeek, List<BusinessCalendar.Window>> week = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
				DayOfWeek.FRIDAY)) {
			week.put(d, List.of(new BusinessCalendar.Window(LocalTime.of(9, 0), LocalTime.of(17, 0))));
		}
		// Monday 18 March 2030 is a holiday.
		OFFICE = new BusinessCalendar(ZoneId.of("Europe/Berlin"), week, Set.of(LocalDate.of(2030, 3, 18)));
	}

	@Test
	void fourBusinessHoursFromFridayAfternoonSkipTheWeekendAndTheHoliday() {
		// Friday 15:00 Berlin: 2h left that day; Sat, Sun closed; Monday a holiday;
		// Tuesday 09:00 + 2h.
		Instant friday = Instant.parse("2030-03-15T14:00:00Z");

		assertThat(OFFICE.plusBusinessMinutes(friday, 240)).isEqualTo(Instant.parse("2030-03-19T10:00:00Z"));
		assertThat(OFFICE.plusBusinessMinutes(friday, 192)).isEqualTo(Instant.parse("2030-03-19T09:12:00Z"));
		// Two business days: Fri 2h + Tue 8h + Wed 6h → Wednesday 15:00 Berlin.
		assertThat(OFFICE.plusBusinessMinutes(friday, 960)).isEqualTo(Instant.parse("2030-03-20T14:00:00Z"));
	}

	@Test
	void startingOutsideBusinessHoursCountsFromTheNextOpening() {
		// Saturday night: the clock starts Tuesday 09:00 Berlin (Monday is the holiday).
		Instant saturday = Instant.parse("2030-03-16T22:00:00Z");

		assertThat(OFFICE.plusBusinessMinutes(saturday, 60)).isEqualTo(Instant.parse("2030-03-19T09:00:00Z"));
	}

	@Test
	void minutesBetweenCountOnlyOpenTime() {
		Instant fridayAfternoon = Instant.parse("2030-03-15T14:00:00Z");
		Instant tuesdayMorning = Instant.parse("2030-03-19T10:00:00Z");

		assertThat(OFFICE.businessMinutesBetween(fridayAfternoon, tuesdayMorning)).isEqualTo(240);
		assertThat(OFFICE.businessMinutesBetween(tuesdayMorning, fridayAfternoon)).isZero();
	}

	@Test
	void aCalendarThatNeverOpensHasNoDueTime() {
		BusinessCalendar closed = new BusinessCalendar(ZoneId.of("UTC"), Map.of(), Set.of());

		assertThat(closed.plusBusinessMinutes(Instant.parse("2030-03-15T14:00:00Z"), 60)).isNull();
	}

}
