package org.opencrm.marketing.form;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often one client address may submit public web-to-lead forms
 * ({@code crm.forms.rate-limit.*}).
 *
 * @param max Submissions per client address within one window; more are refused.
 * @param window Length of the counting window (ISO-8601 or e.g. 10m).
 */
@ConfigurationProperties("crm.forms.rate-limit")
record FormRateLimit(@DefaultValue("5") int max, @DefaultValue("10m") Duration window) {
}
