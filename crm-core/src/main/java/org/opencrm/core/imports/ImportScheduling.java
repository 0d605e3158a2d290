package org.opencrm.core.imports;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Every {@code crm.imports.poll} each node claims queued imports (and those whose node
 * died) until none is left. {@code crm.imports.worker-enabled=false} switches it off
 * (tests drive {@link ImportRunner} directly).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "crm.imports.worker-enabled", havingValue = "true", matchIfMissing = true)
class ImportScheduling {

	private final ImportRunner runner;

	ImportScheduling(ImportRunner runner) {
		this.runner = runner;
	}

	@Scheduled(initialDelayString = "${crm.imports.poll:PT2S}", fixedDelayString = "${crm.imports.poll:PT2S}")
	void run() {
		while (runner.runOnce()) {
			Thread.onSpinWait();
		}
	}

}
