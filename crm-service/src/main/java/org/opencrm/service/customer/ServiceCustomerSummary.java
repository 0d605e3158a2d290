package org.opencrm.service.customer;

import java.math.BigDecimal;
import java.util.List;
import org.opencrm.service.appointment.AppointmentCalendar;
import org.opencrm.service.appointment.CalendarEntry;
import org.opencrm.service.csat.CsatItem;
import org.opencrm.service.csat.CsatService;
import org.opencrm.service.ticket.CustomerTickets;
import org.opencrm.service.ticket.TicketSummaryQuery;
import org.opencrm.service.tier.AccountTiers;
import org.opencrm.service.tier.ServiceTier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Service's one read-only façade for the single-customer dashboard: open tickets with
 * their SLA state, complaint and ticket counts, recent satisfaction ratings and their
 * average, upcoming appointments and (for an account) the service tier. Six statements
 * for an account, five for a contact, whatever the number of tickets.
 */
@Service
public class ServiceCustomerSummary {

	public static final int RATINGS_SHOWN = 3;

	public static final int APPOINTMENTS_SHOWN = 3;

	private final TicketSummaryQuery tickets;

	private final CsatService csat;

	private final AppointmentCalendar calendar;

	private final AccountTiers tiers;

	private final JdbcClient jdbc;

	ServiceCustomerSummary(TicketSummaryQuery tickets, CsatService csat, AppointmentCalendar calendar,
			AccountTiers tiers, JdbcClient jdbc) {
		this.tickets = tickets;
		this.csat = csat;
		this.calendar = calendar;
		this.tiers = tiers;
		this.jdbc = jdbc;
	}

	/**
	 * @param csatAverage the average of every answered survey of this customer (null when
	 * none was answered)
	 * @param csatAnswered how many surveys were answered
	 * @param tier the account's service tier; null on a contact's summary
	 */
	public record Summary(CustomerTickets tickets, List<CsatItem> ratings, BigDecimal csatAverage, long csatAnswered,
			List<CalendarEntry> appointments, ServiceTier tier) {
	}

	@Transactional(readOnly = true)
	public Summary forAccount(long accountId) {
		Csat figures = csat("account_id", accountId);
		return new Summary(tickets.forAccount(accountId), csat.recent(accountId, null, RATINGS_SHOWN),
				figures.average(), figures.answered(), calendar.upcoming(accountId, null, APPOINTMENTS_SHOWN),
				tiers.tierOf(accountId));
	}

	@Transactional(readOnly = true)
	public Summary forContact(long contactId) {
		Csat figures = csat("contact_id", contactId);
		return new Summary(tickets.forContact(contactId), csat.recent(null, contactId, RATINGS_SHOWN),
				figures.average(), figures.answered(), calendar.upcoming(null, contactId, APPOINTMENTS_SHOWN), null);
	}

	private record Csat(BigDecimal average, long answered) {
	}

	private Csat csat(String column, long id) {
		return jdbc
			.sql("select round(avg(rating), 2) as average, count(rating) as answered from csat_surveys where %s = ?"
				.formatted(column))
			.param(id)
			.query(Csat.class)
			.single();
	}

}
