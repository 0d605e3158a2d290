package org.opencrm.marketing;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.opencrm.marketing.campaign.CampaignService;
import org.opencrm.marketing.send.SendProgress;
import org.opencrm.marketing.sequence.SequenceRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Marketing's background work on every node: start due campaigns (their mails go to
 * core's one outbox, which sends them), advance due sequence steps, and follow up what
 * the outbox settled ({@link SendProgress}: outcomes, bounces, timeline, campaigns done).
 * All of it is claimed through the database (SKIP LOCKED), so any number of nodes can run
 * it side by side. Off with {@code crm.marketing.scheduler.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "crm.marketing.scheduler.enabled", matchIfMissing = true)
class MarketingScheduler {

	private static final Log log = LogFactory.getLog(MarketingScheduler.class);

	private final CampaignService campaigns;

	private final SequenceRunner sequences;

	private final SendProgress progress;

	MarketingScheduler(CampaignService campaigns, SequenceRunner sequences, SendProgress progress) {
		this.campaigns = campaigns;
		this.sequences = sequences;
		this.progress = progress;
	}

	@Scheduled(fixedDelayString = "${crm.marketing.scheduler.delay-ms:5000}",
			initialDelayString = "${crm.marketing.scheduler.initial-delay-ms:10000}")
	void tick() {
		try {
			campaigns.startDue();
			for (int round = 0; round < 50 && sequences.advanceDue(200) > 0; round++) {
				// keep going while enrolments were due, within reason per run
			}
			progress.run();
		}
		catch (RuntimeException ex) {
			log.error("Marketing scheduler run failed; the next run retries", ex);
		}
	}

}
