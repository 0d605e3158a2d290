package org.opencrm.core.delivery;

import java.lang.management.ManagementFactory;
import java.util.UUID;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.stereotype.Component;

/**
 * Re-sends event publications whose listener never completed, instead of Spring
 * Modulith's re-send of everything incomplete on restart (which, with two nodes, handed a
 * restarting node the events the other node was still handling). Only publications older
 * than {@code staleAfter} are re-sent, and only by the node holding the
 * {@code event-resubmission} lease in {@code job_leases}; the listeners are idempotent
 * for the rare one that is still running anyway.
 */
@Component
@EnableConfigurationProperties(EventResubmissionSettings.class)
public class EventResubmission {

	static final String JOB = "event-resubmission";

	private static final Log log = LogFactory.getLog(EventResubmission.class);

	private final IncompleteEventPublications publications;

	private final JdbcClient jdbc;

	private final EventResubmissionSettings settings;

	private final String node = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();

	EventResubmission(IncompleteEventPublications publications, JdbcClient jdbc, EventResubmissionSettings settings) {
		this.publications = publications;
		this.jdbc = jdbc;
		this.settings = settings;
	}

	/**
	 * One round: takes or renews the lease and, when this node holds it, re-sends the
	 * stale publications (and forgets receipts past their keeping time).
	 * @return whether this node held the lease
	 */
	public boolean resubmitStale() {
		if (!holdLease()) {
			return false;
		}
		publications.resubmitIncompletePublicationsOlderThan(settings.staleAfter());
		jdbc.sql("delete from event_receipts where received_at < now() - cast(? as interval)")
			.param(settings.receiptsKeptFor().toSeconds() + " seconds")
			.update();
		return true;
	}

	/** Whether the lease is this node's now, taken when free or expired, else renewed. */
	boolean holdLease() {
		return jdbc.sql("""
				insert into job_leases (job, holder, expires_at)
				values (:job, :node, now() + cast(:lease as interval))
				on conflict (job) do update set holder = excluded.holder, expires_at = excluded.expires_at
				where job_leases.holder = excluded.holder or job_leases.expires_at < now()
				""")
			.param("job", JOB)
			.param("node", node)
			.param("lease", settings.lease().toMillis() + " milliseconds")
			.update() == 1;
	}

	/** Hands the lease on at a clean shutdown, so another node need not wait it out. */
	void release() {
		try {
			jdbc.sql("delete from job_leases where job = ? and holder = ?").params(JOB, node).update();
		}
		catch (RuntimeException ex) {
			log.debug("Event resubmission: could not release the lease; it expires by itself", ex);
		}
	}

	String node() {
		return node;
	}

}
