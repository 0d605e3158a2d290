package org.opencrm.service.appointment;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opencrm.core.access.AccountAccess;
import org.opencrm.core.port.PurchaseHistory;
import org.opencrm.core.shared.Actor;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.References;
import org.opencrm.core.shared.Rows;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Visibility;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Booking service appointments, one-off or recurring, without double-booking an agent.
 * Service desk and sales reps book, for customers they may see ({@link AccountAccess}); a
 * customer outside their view is "not found". Closing is in {@link AppointmentOutcomes},
 * reading in {@link AppointmentCalendar}. The variant without a user is for system flows
 * (demo data) and tests.
 */
@Service
public class AppointmentService {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private final AppointmentRepository appointments;

	private final ObjectProvider<PurchaseHistory> purchases;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final AccountAccess access;

	AppointmentService(AppointmentRepository appointments, ObjectProvider<PurchaseHistory> purchases, JdbcClient jdbc,
			Clock clock, AccountAccess access) {
		this.access = access;
		this.appointments = appointments;
		this.purchases = purchases;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * {@code user} books for a customer they may see (else {@link NotFoundException},
	 * like an unknown customer); see {@link #schedule(ScheduleAppointment)}.
	 */
	@Transactional
	public List<Long> schedule(ScheduleAppointment cmd, CrmUser user) {
		AppointmentAccess.requireRole(user, AppointmentAccess.READERS);
		Visibility visibility = Visibility.of(user);
		access.requireCustomer(cmd.accountId(), cmd.contactId(), visibility);
		return schedule(cmd);
	}

	/**
	 * Books the appointment, or every occurrence of a recurring one; returns their ids in
	 * time order. Refused as a whole when any occurrence overlaps another scheduled
	 * appointment of the agent.
	 */
	@Transactional
	List<Long> schedule(ScheduleAppointment cmd) {
		if (cmd.title() == null || cmd.title().isBlank()) {
			throw new RuleViolationException("appointment.titleRequired", "Give the appointment a title");
		}
		if (cmd.startsAt() == null || cmd.endsAt() == null) {
			throw new RuleViolationException("appointment.timesRequired", "Start and end are required");
		}
		if (!cmd.endsAt().isAfter(cmd.startsAt())) {
			throw new RuleViolationException("appointment.endBeforeStart", "The end must be after the start");
		}
		if (cmd.accountId() == null && cmd.contactId() == null) {
			throw new RuleViolationException("appointment.customerRequired", "Choose an account or a contact");
		}
		requireAgent(cmd.agentId());
		Long accountId = cmd.accountId();
		if (cmd.contactId() != null) {
			Long contactAccount = References.accountOfContact(jdbc, cmd.contactId());
			accountId = accountId == null ? contactAccount : accountId;
		}
		else {
			References.requireAccount(jdbc, accountId);
		}
		String productName = productName(cmd.productId(), accountId, cmd.contactId());
		if (cmd.ticketId() != null && jdbc.sql("select count(*) from tickets where id = ?")
			.param(cmd.ticketId())
			.query(Long.class)
			.single() == 0) {
			throw new RuleViolationException("appointment.unknownTicket", "There is no ticket {0}.", cmd.ticketId());
		}
		List<Occurrences.Slot> slots = Occurrences.of(cmd.startsAt(), cmd.endsAt(), cmd.recurrence(), clock.getZone());
		// One booking at a time per agent, so two overlapping requests can't both pass
		// the check.
		jdbc.sql("select pg_advisory_xact_lock(7301, cast(:agent as int))")
			.param("agent", cmd.agentId())
			.query()
			.singleRow();
		for (Occurrences.Slot slot : slots) {
			refuseOverlap(cmd.agentId(), slot);
		}
		Long seriesId = null;
		if (slots.size() > 1 || cmd.recurrence() != null) {
			Recurrence r = cmd.recurrence();
			seriesId = jdbc
				.sql("""
						insert into service_appointment_series (frequency, occurrences, until_date) values (?, ?, ?) returning id
						""")
				.params(r.frequency().name(), r.count(), r.until())
				.query(Long.class)
				.single();
		}
		List<Long> ids = new ArrayList<>();
		Long author = Actor.currentIdOrNull();
		for (Occurrences.Slot slot : slots) {
			ids.add(appointments.save(new Appointment(cmd, seriesId, accountId, productName, slot, author)).getId());
		}
		return ids;
	}

	/**
	 * What the customer bought, for the product pick-list; empty when no module tells
	 * purchases.
	 */
	@Transactional(readOnly = true)
	public List<PurchaseHistory.Purchase> purchasedProducts(Long accountId, Long contactId) {
		PurchaseHistory history = purchases.getIfAvailable();
		if (history == null || (accountId == null && contactId == null)) {
			return List.of();
		}
		return contactId != null ? history.forContact(contactId, 50) : history.forAccount(accountId, 50);
	}

	private String productName(Long productId, Long accountId, Long contactId) {
		if (productId == null) {
			return null;
		}
		List<PurchaseHistory.Purchase> bought = new ArrayList<>(purchasedProducts(accountId, null));
		if (contactId != null) {
			bought.addAll(purchasedProducts(null, contactId));
		}
		Optional<PurchaseHistory.Purchase> match = bought.stream().filter(p -> p.productId() == productId).findFirst();
		return match.map(PurchaseHistory.Purchase::productName)
			.orElseThrow(() -> new RuleViolationException("appointment.productNotPurchased",
					"The customer hasn’t bought this product"));
	}

	private void requireAgent(long agentId) {
		if (jdbc.sql("select count(*) from users where id = ? and enabled and role <> 'CUSTOMER'")
			.param(agentId)
			.query(Long.class)
			.single() == 0) {
			throw new RuleViolationException("appointment.unknownAgent", "Choose an agent");
		}
	}

	private void refuseOverlap(long agentId, Occurrences.Slot slot) {
		record Clash(String title, Instant startsAt, Instant endsAt) {
		}
		jdbc.sql("""
				select title, starts_at, ends_at from service_appointments
				where agent_id = :agent and status = 'SCHEDULED' and starts_at < :end and ends_at > :start
				order by starts_at limit 1
				""")
			.param("agent", agentId)
			.param("start", Timestamp.from(slot.startsAt()))
			.param("end", Timestamp.from(slot.endsAt()))
			.query(Rows.of(Clash.class))
			.optional()
			.ifPresent(c -> {
				throw new RuleViolationException("appointment.overlap",
						"The agent already has an appointment then: " + c.title(), c.title(),
						WHEN.format(c.startsAt().atZone(clock.getZone())),
						WHEN.format(c.endsAt().atZone(clock.getZone())),
						WHEN.format(slot.startsAt().atZone(clock.getZone())));
			});
	}

}
