package org.opencrm.service.appointment;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.opencrm.core.access.AccountAccess;
import org.opencrm.core.port.PurchaseHistory;
import org.opencrm.core.shared.Actor;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.References;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.SqlWhere;
import org.opencrm.core.timeline.InteractionKind;
import org.opencrm.core.timeline.RecordInteraction;
import org.opencrm.core.timeline.TimelineText;
import org.opencrm.core.timeline.TimelineService;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.Visibility;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Service appointments: booking (one-off or recurring) without double-booking an agent,
 * closing them (the outcome goes on the customer's timeline), an agent's or a team's
 * week, and a customer's upcoming visits.
 * <p>
 * Who may do what (the public methods take the acting user): the service desk (admins,
 * managers, support agents) books, reads and closes appointments; sales reps read and
 * book them, so they can arrange a visit for their customer, but don't close them; other
 * roles none ({@link AccessDeniedException}). Everyone only for customers they may see
 * ({@link AccountAccess}): an appointment of another customer is "not found", and the
 * calendar leaves it out. The package-private variants without a user are for system
 * flows (demo data, reminders) and tests.
 */
@Service
public class AppointmentService {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private static final String ENTRY = """
			select p.id, p.agent_id, u.full_name as agent_name, p.kind, p.title, p.status, p.starts_at, p.ends_at,
			       p.location, p.account_id, a.name as account_name, p.contact_id,
			       c.first_name || ' ' || c.last_name as contact_name
			from service_appointments p
			join users u on u.id = p.agent_id
			left join accounts a on a.id = p.account_id
			left join contacts c on c.id = p.contact_id
			""";

	private final AppointmentRepository appointments;

	private final TimelineService timeline;

	private final ObjectProvider<PurchaseHistory> purchases;

	private final JdbcClient jdbc;

	private final Clock clock;

	private static final Set<Role> READERS = EnumSet.of(Role.ADMIN, Role.MANAGER, Role.SUPPORT_AGENT, Role.SALES_REP);

	private final AccountAccess access;

	AppointmentService(AppointmentRepository appointments, TimelineService timeline,
			ObjectProvider<PurchaseHistory> purchases, JdbcClient jdbc, Clock clock, AccountAccess access) {
		this.access = access;
		this.appointments = appointments;
		this.timeline = timeline;
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
		requireRole(user, READERS);
		Visibility visibility = Visibility.of(user);
		access.requireCustomer(cmd.accountId(), cmd.contactId(), visibility);
		return schedule(cmd);
	}

	/**
	 * The service desk closes an appointment of a customer they may see ("not found"
	 * else).
	 */
	@Transactional
	public void complete(long id, String outcome, long version, CrmUser user) {
		requireDeskAccess(id, user);
		complete(id, outcome, version);
	}

	@Transactional
	public void cancel(long id, long version, CrmUser user) {
		requireDeskAccess(id, user);
		cancel(id, version);
	}

	@Transactional
	public void noShow(long id, String note, long version, CrmUser user) {
		requireDeskAccess(id, user);
		noShow(id, note, version);
	}

	/**
	 * One appointment, for a reader who may see its customer ("not found" else; the rule
	 * is part of the query).
	 */
	@Transactional(readOnly = true)
	public AppointmentDetails details(long id, CrmUser user) {
		requireRole(user, READERS);
		return details(id, Visibility.of(user));
	}

	/**
	 * {@link #calendar(Long, Long, Instant, Instant)} without the appointments of
	 * customers {@code user} can't see.
	 */
	@Transactional(readOnly = true)
	public List<CalendarEntry> calendar(Long agentId, Long teamId, Instant from, Instant to, CrmUser user) {
		requireRole(user, READERS);
		return calendar(agentId, teamId, from, to, Visibility.of(user));
	}

	private void requireDeskAccess(long id, CrmUser user) {
		requireRole(user, Role.SERVICE_DESK);
		SqlWhere where = AccountAccess
			.restrictCustomer(new SqlWhere(), Visibility.of(user), "p.account_id", "p.contact_id")
			.and("p.id = :id", "id", id);
		if (where.bind(jdbc.sql("select count(*) from service_appointments p" + where.sql()))
			.query(Long.class)
			.single() == 0) {
			throw new NotFoundException("Appointment", id);
		}
	}

	private static void requireRole(CrmUser user, Set<Role> roles) {
		if (!roles.contains(user.role())) {
			throw new AccessDeniedException("Service appointments are not for role " + user.role());
		}
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

	@Transactional(readOnly = true)
	AppointmentDetails details(long id) {
		return details(id, Visibility.all());
	}

	private AppointmentDetails details(long id, Visibility visibility) {
		SqlWhere where = AccountAccess.restrictCustomer(new SqlWhere(), visibility, "p.account_id", "p.contact_id")
			.and("p.id = :id", "id", id);
		return where.bind(jdbc.sql("""
				select p.id, p.series_id, p.kind, p.title, p.account_id, a.name as account_name, p.contact_id,
				       c.first_name || ' ' || c.last_name as contact_name, p.product_id, p.product_name, p.ticket_id,
				       p.agent_id, u.full_name as agent_name, p.starts_at, p.ends_at, p.location, p.notes, p.status,
				       p.outcome, p.closed_at, p.version
				from service_appointments p
				join users u on u.id = p.agent_id
				left join accounts a on a.id = p.account_id
				left join contacts c on c.id = p.contact_id
				""" + where.sql()))
			.query(AppointmentDetails.class)
			.optional()
			.orElseThrow(() -> new NotFoundException("Appointment", id));
	}

	/**
	 * Appointments (cancelled ones left out) overlapping {@code [from, to)} of one agent,
	 * or of every member of a team when {@code teamId} is given, by start time.
	 */
	@Transactional(readOnly = true)
	List<CalendarEntry> calendar(Long agentId, Long teamId, Instant from, Instant to) {
		return calendar(agentId, teamId, from, to, Visibility.all());
	}

	private List<CalendarEntry> calendar(Long agentId, Long teamId, Instant from, Instant to, Visibility visibility) {
		String who = teamId != null ? "p.agent_id in (select id from users where team_id = :who)" : "p.agent_id = :who";
		SqlWhere where = AccountAccess.restrictCustomer(new SqlWhere(), visibility, "p.account_id", "p.contact_id")
			.and(who)
			.and("p.starts_at < :to and p.ends_at > :from and p.status <> 'CANCELLED'");
		return where.bind(jdbc.sql(ENTRY + where.sql() + """
				 order by p.starts_at, p.id
				"""))
			.param("who", teamId != null ? teamId : agentId)
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.query(CalendarEntry.class)
			.list();
	}

	/**
	 * A customer's next scheduled appointments (an account's include its contacts'),
	 * soonest first.
	 */
	@Transactional(readOnly = true)
	public List<CalendarEntry> upcoming(Long accountId, Long contactId, int limit) {
		String subject = contactId != null ? "p.contact_id = :subject" : "p.account_id = :subject";
		return jdbc.sql(ENTRY + " where " + subject + """
				 and p.status = 'SCHEDULED' and p.ends_at > :now
				order by p.starts_at, p.id limit :limit
				""")
			.param("subject", contactId != null ? contactId : accountId)
			.param("now", Timestamp.from(clock.instant()))
			.param("limit", limit)
			.query(CalendarEntry.class)
			.list();
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
			.query(Clash.class)
			.optional()
			.ifPresent(c -> {
				throw new RuleViolationException("appointment.overlap",
						"The agent already has an appointment then: " + c.title(), c.title(),
						WHEN.format(c.startsAt().atZone(clock.getZone())),
						WHEN.format(c.endsAt().atZone(clock.getZone())),
						WHEN.format(slot.startsAt().atZone(clock.getZone())));
			});
	}

	private Appointment load(long id) {
		return appointments.findById(id).orElseThrow(() -> new NotFoundException("Appointment", id));
	}

}
