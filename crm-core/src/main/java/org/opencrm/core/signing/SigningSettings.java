package org.opencrm.core.signing;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The master secret of signed links ({@code crm.token-secret}).
 *
 * @param tokenSecret Master secret (text, 32+ random characters) every node signs
 * tracking, unsubscribe, survey and password-reset links with. Blank: one is generated
 * once and kept in the database. Changing it voids every outstanding link.
 */
@ConfigurationProperties("crm")
record SigningSettings(String tokenSecret) {
}
