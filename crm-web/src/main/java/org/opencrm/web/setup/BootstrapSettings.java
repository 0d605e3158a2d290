package org.opencrm.web.setup;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first admin of an empty database ({@code CRM_ADMIN_USERNAME} /
 * {@code CRM_ADMIN_PASSWORD}). Read once, on the first start with no users; blank means
 * "use the /setup page instead".
 *
 * @param adminUsername Username of the first admin, created on the first start of an
 * empty database.
 * @param adminPassword Password of the first admin (the password rules apply). Remove it
 * once the admin exists.
 */
@ConfigurationProperties("crm.bootstrap")
record BootstrapSettings(String adminUsername, String adminPassword) {

	boolean complete() {
		return adminUsername != null && !adminUsername.isBlank() && adminPassword != null && !adminPassword.isEmpty();
	}

	boolean partial() {
		return !complete() && ((adminUsername != null && !adminUsername.isBlank())
				|| (adminPassword != null && !adminPassword.isEmpty()));
	}
}
