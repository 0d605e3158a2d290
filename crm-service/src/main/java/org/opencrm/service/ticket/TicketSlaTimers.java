package org.opencrm.service.ticket;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The SLA desk's writes to tickets, kept in the ticket package: the monitor's timer moves
 * through {@link Ticket#slaChecked}, so the version moves and an agent's form loaded
 * before it conflicts instead of writing the old timer back.
 */
@Service
public class TicketSlaTimers {

	private final TicketRepository tickets;

	private final JdbcClient jdbc;

	private final Clock clock;

	TicketSlaTimers(TicketRepository tickets, JdbcClient jdbc, Clock clock) {
		this.tickets = tickets;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * The monitor handled every check of these tickets due by {@code now} (the time it
	 * claimed them by, so a check falling just after is not skipped): each one's next
	 * check becomes its next warning or due time. One select for the whole batch (tickets
	 * the escalation already loaded are reused), then one update per ticket, as before.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void checked(Collection<Long> ticketIds, Instant now) {
		tickets.findAllById(ticketIds).forEach(t -> t.slaChecked(now));
		tickets.flush();
	}

	/**
	 * An SLA policy is deleted: its tickets keep their planned times but no longer name
	 * it. One statement however many tickets, moving each one's version as an entity
	 * write would.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public int forgetPolicy(long policyId) {
		return jdbc.sql("""
				update tickets set sla_policy_id = null, version = version + 1, updated_at = ? where sla_policy_id = ?
				""").params(Timestamp.from(clock.instant()), policyId).update();
	}

}
