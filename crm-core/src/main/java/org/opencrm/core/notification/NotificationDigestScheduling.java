package org.opencrm.core.notification;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Sends the daily digests every hour ({@code crm.notifications.digest-cron}, default at
 * the full hour), each user's at the hour of their day they chose, on every node; they
 * share it through row locks ({@link NotificationDigest}).
 * {@code crm.notifications.digest-enabled=false} switches the schedule off.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "crm.notifications.digest-enabled", havingValue = "true", matchIfMissing = true)
class NotificationDigestScheduling {

	private final NotificationDigest digest;

	NotificationDigestScheduling(NotificationDigest digest) {
		this.digest = digest;
	}

	@Scheduled(cron = "${crm.notifications.digest-cron:0 0 * * * *}")
	void send() {
		digest.sendScheduled();
	}

}
