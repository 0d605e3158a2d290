package org.opencrm.core.health;

import org.opencrm.core.event.AccountCreated;
import org.opencrm.core.event.DealWon;
import org.opencrm.core.event.InteractionRecorded;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Notes accounts whose health may have changed, for the next incremental recompute. Core's events
 * (a won deal, anything on the timeline — calls, tickets, campaign touches, form submissions —
 * and a new account) are noted here, in the raising transaction, so a rolled-back change marks
 * nothing; modules call {@link #changed} for what never reaches the timeline (an SLA breach).
 * One plain insert each: no row is locked, so busy writers never wait on each other here.
 */
@Service
public class HealthChanges {

	private final JdbcClient jdbc;

	HealthChanges(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** In the caller's transaction when there is one. */
	public void changed(long accountId) {
		jdbc.sql("insert into customer_health_changes (account_id) values (?)").param(accountId).update();
	}

	@EventListener
	void on(DealWon event) {
		changed(event.accountId());
	}

	@EventListener
	void on(InteractionRecorded event) {
		if (event.accountId() != null) {
			changed(event.accountId());
		}
	}

	@EventListener
	void on(AccountCreated event) {
		changed(event.accountId());
	}
}
