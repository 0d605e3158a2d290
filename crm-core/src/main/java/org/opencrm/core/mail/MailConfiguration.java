package org.opencrm.core.mail;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MailOutboxSettings.class)
class MailConfiguration {

	/**
	 * SMTP as {@code spring.mail.*} configures it; without a mail server queued mail
	 * waits.
	 */
	@Bean
	MailGateway smtpGateway(ObjectProvider<JavaMailSender> sender) {
		return new SmtpGateway(sender::getIfAvailable);
	}

	/**
	 * Every node sends the outbox in the background
	 * ({@code crm.mail.outbox.scheduler-enabled=false} switches it off, e.g. for tests
	 * that drive {@link MailWorker}).
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	@ConditionalOnProperty(name = "crm.mail.outbox.scheduler-enabled", havingValue = "true", matchIfMissing = true)
	static class MailScheduling {

		private static final Log log = LogFactory.getLog(MailScheduling.class);

		private final MailWorker worker;

		MailScheduling(MailWorker worker) {
			this.worker = worker;
		}

		@Scheduled(initialDelayString = "${crm.mail.outbox.interval:PT5S}",
				fixedDelayString = "${crm.mail.outbox.interval:PT5S}")
		void send() {
			try {
				worker.recoverExpiredLeases();
				worker.sendDue();
			}
			catch (RuntimeException ex) {
				log.warn("Sending the mail outbox failed", ex);
			}
		}

	}

}
