package org.opencrm.core.health;

import org.opencrm.core.event.AccountCreated;
import org.opencrm.core.event.DealWon;
import org.opencrm.core.event.InteractionRecorded;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Notes accounts whose health may have changed, for the next incremental recompute.
 * Core's events (a won deal; a timeline entry — calls, e-mails, meetings, tickets and
 * their replies, form submissions; a new account) are noted here, in the raising
 * transaction, so a rolled-back change marks nothing. Campaign touches on the timeline
 * are skipped (a mail sent changes no signal, and a 100,000-mail send would add as many
 * rows); marketing reports opens and clicks through {@link #changedContact}, service an
 * SLA breach (which reaches no timeline) through {@link #changed}. One plain insert each:
 * no row is locked, so busy writers never wait on each other here.
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

	/**
	 * The account of this contact, if it has one; in the caller's transaction when there
	 * is one.
	 */
	public void changedContact(long contactId) {
		jdbc.sql("insert into customer_health_changes (account_id) "
				+ "select account_id from contacts where id = ? and account_id is not null")
			.param(contactId)
			.update();
	}

	@EventListener
	void on(DealWon event) {
		changed(event.accountId());
	}

	@EventListener
	void on(InteractionRecorded event) {
		if (event.accountId() != null && !"CAMPAIGN".equals(event.kind())) {
			changed(event.accountId());
		}
	}

	@EventListener
	void on(AccountCreated event) {
		changed(event.accountId());
	}

}
