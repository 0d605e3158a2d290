package org.opencrm.web.setup;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.opencrm.core.user.PasswordPolicy;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * An install without demo data starts with no users. On that first start it seeds the
 * defaults every install needs and creates the first admin from
 * {@link BootstrapSettings}; without those it logs a one-time link to the {@code /setup}
 * page. Runs before the web server opens, like the demo loader (which does all of this
 * itself, so this stays off when demo data is on).
 */
@Component
@ConditionalOnProperty(name = "crm.demo-data.enabled", havingValue = "false", matchIfMissing = true)
@EnableConfigurationProperties(BootstrapSettings.class)
class FirstStart implements SmartInitializingSingleton {

	private static final Log log = LogFactory.getLog(FirstStart.class);

	private final FirstAdmin firstAdmin;

	private final BootstrapSettings settings;

	private final PasswordPolicy passwordPolicy;

	FirstStart(FirstAdmin firstAdmin, BootstrapSettings settings, PasswordPolicy passwordPolicy) {
		this.firstAdmin = firstAdmin;
		this.settings = settings;
		this.passwordPolicy = passwordPolicy;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (settings.partial()) {
			log.warn("Only one of CRM_ADMIN_USERNAME / CRM_ADMIN_PASSWORD is set; both are needed to create the first "
					+ "admin, so the /setup page is offered instead.");
		}
		if (settings.complete()) {
			passwordPolicy.problem(settings.adminUsername(), settings.adminPassword()).ifPresent(weak -> {
				throw new IllegalStateException("CRM_ADMIN_PASSWORD is refused: " + weak.getMessage());
			});
		}
		FirstAdmin.Outcome outcome = firstAdmin.onFirstStart(settings);
		switch (outcome.kind()) {
			case CREATED -> log.info("First admin '" + settings.adminUsername().strip() + "' created; sign in with "
					+ "CRM_ADMIN_PASSWORD and remove it from the environment.");
			case SETUP_NEEDED -> log.warn("No users yet. Create the first admin at /setup?token=" + outcome.token()
					+ " (this link works until a user exists).");
			case USERS_EXIST -> {
			}
		}
	}

}
