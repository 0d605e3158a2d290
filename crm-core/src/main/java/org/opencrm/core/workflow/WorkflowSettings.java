package org.opencrm.core.workflow;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Workflow rules ({@code crm.workflow.*}).
 *
 * @param schedulerEnabled {@code false}: this node runs no idle rules and sends no
 * webhooks (tests drive them directly)
 * @param poll how often idle rules are checked and due webhooks sent
 * @param maxDepth how many rules may act one after another on each other's changes; the
 * next run is logged as stopped (a loop)
 * @param webhookTimeout connect and read timeout of one webhook call
 * @param webhookMaxAttempts calls before a webhook is given up (FAILED)
 * @param webhookBackoff wait after the first failed call, doubled per failure
 * @param webhookAllowPrivate allow webhook URLs on loopback and private addresses (only
 * for tests and closed networks: else a rule could make the server call its own
 * neighbours)
 */
@ConfigurationProperties("crm.workflow")
public record WorkflowSettings(@DefaultValue("true") boolean schedulerEnabled, @DefaultValue("PT1M") Duration poll,
		@DefaultValue("5") int maxDepth, @DefaultValue("PT10S") Duration webhookTimeout,
		@DefaultValue("6") int webhookMaxAttempts, @DefaultValue("PT30S") Duration webhookBackoff,
		@DefaultValue("false") boolean webhookAllowPrivate) {
}
