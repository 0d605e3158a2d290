package org.opencrm.service.mail;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Polls the support mailbox in the background
 * ({@code crm.service.mail.scheduler-enabled=false} switches it off, e.g. for tests that
 * drive it). Core's mail outbox sends what support queues.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "crm.service.mail.scheduler-enabled", havingValue = "true", matchIfMissing = true)
class MailScheduling {

	private static final Log log = LogFactory.getLog(MailScheduling.class);

	private final InboundMailPoller poller;

	MailScheduling(InboundMailPoller poller) {
		this.poller = poller;
	}

	@Scheduled(initialDelayString = "${crm.service.mail.poll-initial-delay:PT15S}",
			fixedDelayString = "${crm.service.mail.poll-interval:PT30S}")
	void poll() {
		try {
			poller.poll();
		}
		catch (RuntimeException ex) {
			log.warn("Polling the support mailbox failed", ex);
		}
	}

}
