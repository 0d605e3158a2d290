package org.opencrm.service.appointment;

import java.time.Clock;
import java.time.Instant;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.timeline.InteractionKind;
import org.opencrm.core.timeline.RecordInteraction;
import org.opencrm.core.timeline.TimelineText;
import org.opencrm.core.timeline.TimelineService;
import org.opencrm.core.user.CrmUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Closing appointments: done (the outcome goes on the customer's timeline as a meeting),
 * no-show (noted on the timeline) or cancelled; version checked. Only the service desk
 * closes, and only appointments of customers they may see. The variants without a user
 * are for the module's own flows and tests.
 */
@Service
public class AppointmentOutcomes {

	private final AppointmentRepository appointments;

	private final AppointmentAccess access;

	private final TimelineService timeline;

	private final Clock clock;

	AppointmentOutcomes(AppointmentRepository appointments, AppointmentAccess access, TimelineService timeline,
			Clock clock) {
		this.appointments = appointments;
		this.access = access;
		this.timeline = timeline;
		this.clock = clock;
	}

	/**
	 * The service desk closes an appointment of a customer they may see ("not found"
	 * else).
	 */
	@Transactional
	public void complete(long id, String outcome, long version, CrmUser user) {
		access.requireDeskAccess(id, user);
		complete(id, outcome, version);
	}

	@Transactional
	public void cancel(long id, long version, CrmUser user) {
		access.requireDeskAccess(id, user);
		cancel(id, version);
	}

	@Transactional
	public void noShow(long id, String note, long version, CrmUser user) {
		access.requireDeskAccess(id, user);
		noShow(id, note, version);
	}

	/** Marks it done and puts the outcome on the customer's timeline. */
	@Transactional
	void complete(long id, String outcome, long version) {
		Appointment appointment = load(id);
		appointment.checkVersion(version);
		Instant now = clock.instant();
		appointment.close(AppointmentStatus.DONE, outcome, now);
		timeline.record(new RecordInteraction(InteractionKind.MEETING, now, appointment.getAccountId(),
				appointment.getContactId(), TimelineText.of("timeline.appointment.done", appointment.getTitle()),
				TimelineText.quote(outcome), "service", "appointment:" + id));
	}

	@Transactional
	void cancel(long id, long version) {
		Appointment appointment = load(id);
		appointment.checkVersion(version);
		appointment.close(AppointmentStatus.CANCELLED, null, clock.instant());
	}

	/** The customer didn't show up: noted on their timeline. */
	@Transactional
	void noShow(long id, String note, long version) {
		Appointment appointment = load(id);
		appointment.checkVersion(version);
		Instant now = clock.instant();
		appointment.close(AppointmentStatus.NO_SHOW, note, now);
		timeline.record(new RecordInteraction(InteractionKind.SYSTEM, now, appointment.getAccountId(),
				appointment.getContactId(), TimelineText.of("timeline.appointment.missed", appointment.getTitle()),
				TimelineText.quote(note), "service", "appointment:" + id));
	}

	private Appointment load(long id) {
		return appointments.findById(id).orElseThrow(() -> new NotFoundException("Appointment", id));
	}

}
