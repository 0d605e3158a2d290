package org.opencrm.core.delivery;

import jakarta.annotation.PreDestroy;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs {@link EventResubmission} every {@code crm.events.resubmission.interval} (default
 * one minute) on every node; the lease lets one of them act.
 * {@code crm.events.resubmission.enabled=false} switches it off on this node.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "crm.events.resubmission.enabled", havingValue = "true", matchIfMissing = true)
class EventResubmissionScheduling {

	private static final Log log = LogFactory.getLog(EventResubmissionScheduling.class);

	private final EventResubmission resubmission;

	EventResubmissionScheduling(EventResubmission resubmission) {
		this.resubmission = resubmission;
	}

	@Scheduled(initialDelayString = "${crm.events.resubmission.interval:PT1M}",
			fixedDelayString = "${crm.events.resubmission.interval:PT1M}")
	void run() {
		try {
			resubmission.resubmitStale();
		}
		catch (RuntimeException ex) {
			log.warn("Event resubmission failed; the next run retries", ex);
		}
	}

	@PreDestroy
	void stop() {
		resubmission.release();
	}

}
