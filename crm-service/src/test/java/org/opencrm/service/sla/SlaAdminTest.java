package org.opencrm.service.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.service.DeskFixtures;
import org.opencrm.service.ServiceDeskTest;
import org.opencrm.service.ticket.TicketPriority;
import org.opencrm.service.tier.ServiceTier;
import org.springframework.beans.factory.annotation.Autowired;

@ServiceDeskTest
class SlaAdminTest {

	@Autowired
	SlaAdmin admin;

	private static PolicyCommand policy(long calendar, TicketPriority priority, ServiceTier tier, int fr, int res,
			int warn) {
		return new PolicyCommand("P " + DeskFixtures.unique(), priority, tier, calendar, fr, res, warn, true, false,
				false, 0);
	}

	@Test
	void aPolicyNeedsSensibleTargetsAndIsOnePerPriorityAndTier() {
		long calendar = admin.createCalendar("Admin test " + DeskFixtures.unique(), "Europe/Vienna");
		admin.createPolicy(policy(calendar, TicketPriority.LOW, ServiceTier.PLATINUM, 60, 600, 80));

		assertThatThrownBy(
				() -> admin.createPolicy(policy(calendar, TicketPriority.LOW, ServiceTier.PLATINUM, 30, 300, 80)))
			.isInstanceOf(RuleViolationException.class)
			.hasMessageContaining("already");
		assertThatThrownBy(
				() -> admin.createPolicy(policy(calendar, TicketPriority.HIGH, ServiceTier.PLATINUM, 0, 300, 80)))
			.isInstanceOf(RuleViolationException.class);
		assertThatThrownBy(
				() -> admin.createPolicy(policy(calendar, TicketPriority.HIGH, ServiceTier.PLATINUM, 90, 60, 80)))
			.isInstanceOf(RuleViolationException.class);
		assertThatThrownBy(
				() -> admin.createPolicy(policy(calendar, TicketPriority.HIGH, ServiceTier.PLATINUM, 30, 60, 100)))
			.isInstanceOf(RuleViolationException.class);
	}

	@Test
	void aCalendarTakesAWeekHolidaysAndRefusesNonsense() {
		long calendar = admin.createCalendar("Week test " + DeskFixtures.unique(), "UTC");
		Map<DayOfWeek, LocalTime[]> week = new EnumMap<>(DayOfWeek.class);
		week.put(DayOfWeek.MONDAY, new LocalTime[] { LocalTime.of(8, 0), LocalTime.of(12, 0) });

		admin.updateCalendar(calendar, "Europe/Paris", week, 0);
		admin.addHoliday(calendar, LocalDate.of(2030, 7, 14), "Bastille Day");

		CalendarView view = admin.calendars().stream().filter(c -> c.id() == calendar).findFirst().orElseThrow();
		assertThat(view.timeZone()).isEqualTo("Europe/Paris");
		assertThat(view.week().stream().filter(CalendarView.Day::open)).singleElement()
			.satisfies(d -> assertThat(d.day()).isEqualTo(DayOfWeek.MONDAY));
		assertThat(view.holidays()).extracting(CalendarView.Holiday::name).containsExactly("Bastille Day");
		assertThatThrownBy(() -> admin.createCalendar("Bad zone", "Mars/Olympus"))
			.isInstanceOf(RuleViolationException.class);
		week.put(DayOfWeek.TUESDAY, new LocalTime[] { LocalTime.of(12, 0), LocalTime.of(8, 0) });
		assertThatThrownBy(() -> admin.updateCalendar(calendar, "UTC", week, 1))
			.isInstanceOf(RuleViolationException.class);
		assertThatThrownBy(() -> admin.addHoliday(calendar, null, "No date"))
			.isInstanceOf(RuleViolationException.class);
	}

}
