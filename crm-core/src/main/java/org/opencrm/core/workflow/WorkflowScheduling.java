package org.opencrm.core.workflow;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Every {@code crm.workflow.poll} (a minute) on every node: the idle rules (runs are
 * claimed in the database, so nodes share the work and act once) and the due webhook
 * calls (claimed with {@code skip locked}). {@code crm.workflow.scheduler-enabled=false}
 * switches it off.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "crm.workflow.scheduler-enabled", havingValue = "true", matchIfMissing = true)
class WorkflowScheduling {

	private final WorkflowEngine engine;

	private final WebhookDeliveries webhooks;

	WorkflowScheduling(WorkflowEngine engine, WebhookDeliveries webhooks) {
		this.engine = engine;
		this.webhooks = webhooks;
	}

	@Scheduled(initialDelayString = "${crm.workflow.poll:PT1M}", fixedDelayString = "${crm.workflow.poll:PT1M}")
	void idleRules() {
		engine.runIdleRules();
	}

	@Scheduled(initialDelayString = "PT10S", fixedDelayString = "PT10S")
	void webhooks() {
		while (webhooks.deliverDue() == WebhookDeliveries.BATCH) {
			Thread.onSpinWait();
		}
	}

}
