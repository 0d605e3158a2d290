package org.opencrm.marketing.scoring;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Engagement points halve with time, so scores are recomputed daily. Every node asks each
 * hour; the database lets one of them do it once a day.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ScoreDecayJob {

	private final LeadScoring scoring;

	ScoreDecayJob(LeadScoring scoring) {
		this.scoring = scoring;
	}

	@Scheduled(cron = "${crm.scoring.decay-cron:0 20 * * * *}", zone = "UTC")
	void run() {
		scoring.decayIfDue();
	}

}
