package org.opencrm.core.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.DisposableBean;
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
	MailGateway smtpGateway(ObjectProvider<JavaMailSender> sender, MailOutboxSettings settings) {
		return new SmtpGateway(sender::getIfAvailable, settings.timeouts());
	}

	/**
	 * Every node sends the outbox in the background
	 * ({@code crm.mail.outbox.scheduler-enabled=false} switches it off, e.g. for tests
	 * that drive {@link MailWorker}).
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	@ConditionalOnProperty(name = "crm.mail.outbox.scheduler-enabled", havingValue = "true", matchIfMissing = true)
	static class MailScheduling implements DisposableBean {

		private static final Log log = LogFactory.getLog(MailScheduling.class);

		private final MailWorker worker;

		private final int threads;

		private final ExecutorService pool;

		MailScheduling(MailWorker worker, MailOutboxSettings settings) {
			this.worker = worker;
			this.threads = settings.threads();
			this.pool = Executors.newFixedThreadPool(threads, r -> {
				Thread t = new Thread(r, "mail-outbox");
				t.setDaemon(true);
				return t;
			});
		}

		/**
		 * {@code threads} workers drain the outbox side by side; each recovers expired
		 * leases between its batches (at most once per interval), so a node busy with a
		 * long campaign still notices another node's crash.
		 */
		@Scheduled(initialDelayString = "${crm.mail.outbox.interval:PT5S}",
				fixedDelayString = "${crm.mail.outbox.interval:PT5S}")
		void send() {
			try {
				worker.recoverExpiredLeases();
				List<Future<Integer>> runs = new ArrayList<>();
				for (int i = 0; i < threads; i++) {
					runs.add(pool.submit(worker::sendDue));
				}
				for (Future<Integer> run : runs) {
					run.get();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (ExecutionException | RuntimeException ex) {
				log.warn("Sending the mail outbox failed", ex);
			}
		}

		@Override
		public void destroy() {
			pool.shutdownNow();
		}

	}

}
