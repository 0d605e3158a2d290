package org.opencrm.service.customer;

import java.math.BigDecimal;
import java.util.List;
import org.opencrm.core.shared.Rows;
import org.opencrm.service.appointment.AppointmentCalendar;
import org.opencrm.service.appointment.CalendarEntry;
import org.opencrm.service.csat.CsatItem;
import org.opencrm.service.csat.CsatService;
import org.opencrm.service.ticket.CustomerTickets;
import org.opencrm.service.ticket.TicketSummaryQuery;
import org.opencrm.service.tier.ServiceTier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Service's one read-only façade for the single-customer dashboard: open tickets with
 * their SLA state, complaint and ticket counts, recent satisfaction ratings and their
 * average, upcoming appointments and (for an account) the service tier. Four statements
 * for an account or a contact, whatever the number of tickets.
 */
@Service
public class ServiceCustomerSummary {

	public static final int RATINGS_SHOWN = 3;

	public static final int APPOINTMENTS_SHOWN = 3;

	private final TicketSummaryQuery tickets;

	private final CsatService csat;

	private final AppointmentCalendar calendar;

	private final JdbcClient jdbc;

	ServiceCustomerSummary(TicketSummaryQuery tickets, CsatService csat, AppointmentCalendar calendar,
			JdbcClient jdbc) {
		this.tickets = tickets;
		this.csat = csat;
		this.calendar = calendar;
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
		// The ticket counts come from account_ticket_stats (kept by triggers on tickets,
		// V202612071300): the same cost for ten thousand tickets as for one.
		Figures figures = jdbc.sql("""
				select coalesce(t.open, 0) as open_count, coalesce(t.complaints, 0) as complaint_count,
				       coalesce(t.total, 0) as total_count, c.average, c.answered,
				       (select tier from account_service_tiers where account_id = :account) as tier
				from (select round(avg(rating), 2) as average, count(rating) as answered
				      from csat_surveys where account_id = :account) c
				left join account_ticket_stats t on t.account_id = :account
				""").param("account", accountId).query(Rows.of(Figures.class)).single();
		return new Summary(figures.tickets(tickets.openOfAccount(accountId)),
				csat.recent(accountId, null, RATINGS_SHOWN), figures.average(), figures.answered(),
				calendar.upcoming(accountId, null, APPOINTMENTS_SHOWN),
				figures.tier() == null ? ServiceTier.STANDARD : ServiceTier.valueOf(figures.tier()));
	}

	@Transactional(readOnly = true)
	public Summary forContact(long contactId) {
		Figures figures = jdbc.sql("""
				select t.open_count, t.complaint_count, t.total_count, c.average, c.answered, null as tier
				from (select round(avg(rating), 2) as average, count(rating) as answered
				      from csat_surveys where contact_id = :contact) c
				cross join (
				  select count(*) filter (where status in ('NEW', 'OPEN', 'PENDING_CUSTOMER', 'ON_HOLD')) as open_count,
				         count(*) filter (where type = 'COMPLAINT') as complaint_count, count(*) as total_count
				  from tickets where contact_id = :contact) t
				""").param("contact", contactId).query(Rows.of(Figures.class)).single();
		return new Summary(figures.tickets(tickets.openOfContact(contactId)),
				csat.recent(null, contactId, RATINGS_SHOWN), figures.average(), figures.answered(),
				calendar.upcoming(null, contactId, APPOINTMENTS_SHOWN), null);
	}

	/**
	 * A customer's ticket counts, satisfaction (the average of every answered survey, how
	 * many were answered) and an account's tier: one statement. A person's ticket counts
	 * are counted from the index of their tickets (a person has few).
	 */
	private record Figures(long openCount, long complaintCount, long totalCount, BigDecimal average, long answered,
			String tier) {

		CustomerTickets tickets(List<CustomerTickets.OpenItem> open) {
			return new CustomerTickets(open, openCount, complaintCount, totalCount);
		}

	}

}
