package org.opencrm.core.health;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Customer health settings ({@code crm.health.*}).
 *
 * @param currency ISO 4217 code of the currency won revenue counts in for the health
 * score (deals in other currencies are left out), e.g. EUR.
 */
@ConfigurationProperties("crm.health")
record HealthSettings(@DefaultValue("EUR") String currency) {
}
