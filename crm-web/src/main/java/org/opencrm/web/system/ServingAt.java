package org.opencrm.web.system;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.opencrm.web.demo.DemoUsers;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Says where the app answers once it is ready, on every start: the URL with the port the
 * server really took ({@code server.port}, {@code SERVER_PORT}) and, with demo data on,
 * who to sign in as, so nobody has to find the first start's lines.
 */
@Component
class ServingAt implements ApplicationListener<ApplicationReadyEvent> {

	private static final Log log = LogFactory.getLog(ServingAt.class);

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (!(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
			return;
		}
		Environment env = event.getApplicationContext().getEnvironment();
		String url = "http://localhost:" + web.getWebServer().getPort()
				+ env.getProperty("server.servlet.context-path", "");
		String baseUrl = env.getProperty("crm.base-url", "http://localhost:8080");
		log.info("OpenCRM is ready at " + url
				+ (baseUrl.startsWith(url) ? "" : " (links in mails start with " + baseUrl + ")"));
		if (env.getProperty("crm.demo-data.enabled", Boolean.class, false)) {
			log.info("Demo data: sign in at " + url + "/login as " + DemoUsers.usernames() + " with the password '"
					+ DemoUsers.PASSWORD + "' (customers see the portal only)");
		}
	}

}
