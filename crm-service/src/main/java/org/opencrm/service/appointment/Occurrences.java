package org.opencrm.service.appointment;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.opencrm.core.shared.RuleViolationException;

/**
 * Expands a booking into its occurrences, in local time, so a weekly 9:00 stays 9:00
 * across a DST change.
 */
final class Occurrences {

	record Slot(Instant startsAt, Instant endsAt) {
	}

	private Occurrences() {
	}

	static List<Slot> of(Instant startsAt, Instant endsAt, Recurrence recurrence, ZoneId zone) {
		Duration length = Duration.between(startsAt, endsAt);
		if (recurrence == null) {
			return List.of(new Slot(startsAt, endsAt));
		}
		if (recurrence.frequency() == null) {
			throw new RuleViolationException("appointment.recurrence.frequency", "Choose how the appointment repeats");
		}
		Integer count = recurrence.count();
		if (count == null && recurrence.until() == null) {
			throw new RuleViolationException("appointment.recurrence.end",
					"Say how many times or until when it repeats");
		}
		if (count != null && (count < 1 || count > Recurrence.MAX_OCCURRENCES)) {
			throw new RuleViolationException("appointment.recurrence.count", "Between 1 and 52 occurrences",
					Recurrence.MAX_OCCURRENCES);
		}
		ZonedDateTime first = startsAt.atZone(zone);
		if (recurrence.until() != null && recurrence.until().isBefore(first.toLocalDate())) {
			throw new RuleViolationException("appointment.recurrence.untilBeforeStart",
					"The last date is before the first appointment");
		}
		List<Slot> slots = new ArrayList<>();
		for (int i = 0; count == null || i < count; i++) {
			// From the first date each time, so 31 Jan → 28 Feb → 31 Mar, not → 28 Mar.
			ZonedDateTime start = recurrence.frequency() == Recurrence.Frequency.WEEKLY ? first.plusWeeks(i)
					: first.plusMonths(i);
			if (recurrence.until() != null && start.toLocalDate().isAfter(recurrence.until())) {
				break;
			}
			if (slots.size() == Recurrence.MAX_OCCURRENCES) {
				throw new RuleViolationException("appointment.recurrence.tooMany", "At most 52 occurrences",
						Recurrence.MAX_OCCURRENCES);
			}
			slots.add(new Slot(start.toInstant(), start.toInstant().plus(length)));
		}
		return slots;
	}

}
