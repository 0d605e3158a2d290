package org.opencrm.service;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.opencrm.core.port.PurchaseHistory;
import org.opencrm.test.MovableClock;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Boots crm-service with crm-core for the module's own tests (scanning all of
 * org.opencrm, so core's entities and services come along), with what the application
 * would otherwise bring: a real SMTP server (GreenMail, on a free port), a settable
 * clock, and a purchase history (sales implements the port, but isn't on this module's
 * class path).
 */
@SpringBootApplication(scanBasePackages = "org.opencrm")
@AutoConfigurationPackage(basePackages = "org.opencrm")
@TestComponent
public class ServiceModuleTestApplication {

	@Bean(destroyMethod = "stop")
	GreenMail greenMail() {
		GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		mail.start();
		return mail;
	}

	/**
	 * Sends to this GreenMail unless a test points {@code spring.mail.*} at its own
	 * server.
	 */
	@Bean
	JavaMailSenderImpl mailSender(GreenMail greenMail, org.springframework.core.env.Environment env) {
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost(env.getProperty("spring.mail.host", "127.0.0.1"));
		sender.setPort(env.getProperty("spring.mail.port", Integer.class, greenMail.getSmtp().getPort()));
		return sender;
	}

	@Bean
	@Primary
	MovableClock testClock() {
		return MovableClock.fixedAt(Instant.parse("2030-03-15T10:00:00Z"));
	}

	@Bean
	TestPurchases testPurchases() {
		return new TestPurchases();
	}

	/** Purchases tests declare per account. */
	public static class TestPurchases implements PurchaseHistory {

		private final Map<Long, List<Purchase>> byAccount = new ConcurrentHashMap<>();

		public void bought(long accountId, Purchase... purchases) {
			byAccount.put(accountId, List.of(purchases));
		}

		@Override
		public List<Purchase> forAccount(long accountId, int limit) {
			return byAccount.getOrDefault(accountId, List.of());
		}

		@Override
		public List<Purchase> forContact(long contactId, int limit) {
			return List.of();
		}

	}

}
