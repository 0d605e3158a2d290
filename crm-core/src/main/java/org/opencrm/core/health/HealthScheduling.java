package org.opencrm.core.health;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Keeps customer health current on every node: changed accounts every
 * {@code crm.health.changed-delay} (default 5 minutes), a full pass once a day at
 * {@code crm.health.full-cron} (default 02:30; the first node to claim it runs it).
 * {@code crm.health.scheduler.enabled=false} switches both off.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "crm.health.scheduler.enabled", havingValue = "true", matchIfMissing = true)
class HealthScheduling {

	private static final Log log = LogFactory.getLog(HealthScheduling.class);

	private final HealthRecompute recompute;

	HealthScheduling(HealthRecompute recompute) {
		this.recompute = recompute;
	}

	@Scheduled(initialDelayString = "${crm.health.changed-delay:PT5M}",
			fixedDelayString = "${crm.health.changed-delay:PT5M}")
	void changed() {
		try {
			recompute.recomputeChanged();
		}
		catch (RuntimeException ex) {
			log.warn("Customer health: recomputing changed accounts failed; next run retries", ex);
		}
	}

	@Scheduled(cron = "${crm.health.full-cron:0 30 2 * * *}")
	void daily() {
		try {
			recompute.dailyFullPass();
		}
		catch (RuntimeException ex) {
			log.warn("Customer health: the daily full pass failed", ex);
		}
	}

}
