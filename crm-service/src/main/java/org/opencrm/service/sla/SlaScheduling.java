package org.opencrm.service.sla;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs the SLA monitor every minute on every node (they share the work through row
 * locks). {@code crm.service.sla.scheduler-enabled=false} switches it off (tests drive
 * the monitor).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "crm.service.sla.scheduler-enabled", havingValue = "true", matchIfMissing = true)
class SlaScheduling {

	private final SlaMonitor monitor;

	SlaScheduling(SlaMonitor monitor) {
		this.monitor = monitor;
	}

	@Scheduled(initialDelayString = "${crm.service.sla.scan-delay:PT1M}",
			fixedDelayString = "${crm.service.sla.scan-delay:PT1M}")
	void scan() {
		// Work through a backlog in batches, then wait for the next tick.
		while (monitor.scan() > 0) {
			Thread.onSpinWait();
		}
	}

}
