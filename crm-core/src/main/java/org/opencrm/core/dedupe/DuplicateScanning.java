package org.opencrm.core.dedupe;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The duplicate finder's nightly pass over contacts, then accounts, then leads, at
 * {@code crm.dedupe.scan-cron} (default 03:15; the first node to claim a type runs it).
 * {@code crm.dedupe.scheduler.enabled=false} switches it off; "Scan now" on the review
 * page still works.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "crm.dedupe.scheduler.enabled", havingValue = "true", matchIfMissing = true)
class DuplicateScanning {

	private static final Log log = LogFactory.getLog(DuplicateScanning.class);

	private final DuplicateScan scan;

	DuplicateScanning(DuplicateScan scan) {
		this.scan = scan;
	}

	@Scheduled(cron = "${crm.dedupe.scan-cron:0 15 3 * * *}")
	void nightly() {
		for (RecordType type : scan.types()) {
			try {
				scan.run(type);
			}
			catch (RuntimeException ex) {
				log.warn("Duplicate scan of " + type.code() + "s failed; the next run resumes", ex);
			}
		}
	}

}
