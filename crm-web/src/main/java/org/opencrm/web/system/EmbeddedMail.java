package org.opencrm.web.system;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * The default mail server: when no {@code spring.mail.host} is configured, start an
 * in-process SMTP + IMAP server (GreenMail) and point outbound mail
 * ({@code spring.mail.*}) and the inbound support mailbox ({@code crm.mail.inbound.*}) at
 * it. The running server is a bean, {@link EmbeddedMailServer}, so a page can show what
 * was sent. Ports are free ones unless {@code crm.mail.embedded.smtp-port} /
 * {@code imap-port} say otherwise. GreenMail is a development dependency, like the
 * embedded database: the packaged jar leaves it out and runs without mail until
 * {@code spring.mail.host} is set.
 */
public class EmbeddedMail implements EnvironmentPostProcessor, Ordered {

	static final String SUPPORT_ADDRESS = "support@opencrm.local";

	static final String SUPPORT_PASSWORD = "support";

	private final Log log;

	public EmbeddedMail(DeferredLogFactory logFactory) {
		this.log = logFactory.getLog(EmbeddedMail.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
		if (env.containsProperty("spring.mail.host")
				|| !env.getProperty("crm.mail.embedded.enabled", Boolean.class, true)) {
			return;
		}
		if (!ClassUtils.isPresent("com.icegreen.greenmail.util.GreenMail", EmbeddedMail.class.getClassLoader())) {
			log.warn("No mail server: set SPRING_MAIL_HOST (and CRM_MAIL_INBOUND_*) to send and receive mail");
			return;
		}
		String host = "127.0.0.1";
		GreenMail mail = new GreenMail(new ServerSetup[] {
				new ServerSetup(env.getProperty("crm.mail.embedded.smtp-port", Integer.class, 0), host,
						ServerSetup.PROTOCOL_SMTP),
				new ServerSetup(env.getProperty("crm.mail.embedded.imap-port", Integer.class, 0), host,
						ServerSetup.PROTOCOL_IMAP) });
		mail.start();
		mail.setUser(SUPPORT_ADDRESS, SUPPORT_ADDRESS, SUPPORT_PASSWORD);
		EmbeddedMailServer server = new EmbeddedMailServer(mail);
		application.addInitializers(context -> {
			context.getBeanFactory().registerSingleton("embeddedMailServer", server);
			context.addApplicationListener(event -> {
				if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
					mail.stop();
				}
			});
		});
		log.info("Embedded mail server: SMTP on " + host + ":" + server.smtpPort() + ", IMAP on " + host + ":"
				+ server.imapPort() + " (support mailbox " + SUPPORT_ADDRESS + ")");
		env.getPropertySources()
			.addFirst(new MapPropertySource("crmEmbeddedMail",
					Map.of("spring.mail.host", host, "spring.mail.port", server.smtpPort(), "crm.mail.inbound.protocol",
							"imap", "crm.mail.inbound.host", host, "crm.mail.inbound.port", server.imapPort(),
							"crm.mail.inbound.username", SUPPORT_ADDRESS, "crm.mail.inbound.password", SUPPORT_PASSWORD,
							"crm.mail.inbound.address", SUPPORT_ADDRESS)));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
