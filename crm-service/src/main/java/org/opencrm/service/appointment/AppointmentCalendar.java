package org.opencrm.service.appointment;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.opencrm.core.access.AccountAccess;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.Rows;
import org.opencrm.core.shared.SqlWhere;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Visibility;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reading appointments: one with its details, an agent's or a team's calendar, a
 * customer's upcoming visits. Readers (service desk and sales reps) see only appointments
 * of customers they may see.
 */
@Service
public class AppointmentCalendar {

	private static final String ENTRY = """
			select p.id, p.agent_id, u.full_name as agent_name, p.kind, p.title, p.status, p.starts_at, p.ends_at,
			       p.location, p.account_id, a.name as account_name, p.contact_id,
			       c.first_name || ' ' || c.last_name as contact_name
			from service_appointments p
			join users u on u.id = p.agent_id
			left join accounts a on a.id = p.account_id
			left join contacts c on c.id = p.contact_id
			""";

	private final JdbcClient jdbc;

	private final Clock clock;

	AppointmentCalendar(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * One appointment, for a reader who may see its customer ("not found" else; the rule
	 * is part of the query).
	 */
	@Transactional(readOnly = true)
	public AppointmentDetails details(long id, CrmUser user) {
		AppointmentAccess.requireRole(user, AppointmentAccess.READERS);
		return details(id, Visibility.of(user));
	}

	/**
	 * {@link #calendar(Long, Long, Instant, Instant)} without the appointments of
	 * customers {@code user} can't see.
	 */
	@Transactional(readOnly = true)
	public List<CalendarEntry> calendar(Long agentId, Long teamId, Instant from, Instant to, CrmUser user) {
		AppointmentAccess.requireRole(user, AppointmentAccess.READERS);
		return calendar(agentId, teamId, from, to, Visibility.of(user));
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
				       t.number as ticket_number, t.subject as ticket_subject,
				       p.agent_id, u.full_name as agent_name, p.starts_at, p.ends_at, p.location, p.notes, p.status,
				       p.outcome, p.closed_at, p.version
				from service_appointments p
				join users u on u.id = p.agent_id
				left join accounts a on a.id = p.account_id
				left join contacts c on c.id = p.contact_id
				left join tickets t on t.id = p.ticket_id
				""" + where.sql()))
			.query(Rows.of(AppointmentDetails.class))
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
			.query(Rows.of(CalendarEntry.class))
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
			.query(Rows.of(CalendarEntry.class))
			.list();
	}

}
