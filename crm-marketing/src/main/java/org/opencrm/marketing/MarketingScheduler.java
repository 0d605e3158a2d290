package org.opencrm.marketing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.opencrm.marketing.campaign.CampaignService;
import org.opencrm.marketing.send.OutboxWorker;
import org.opencrm.marketing.sequence.SequenceRunner;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Marketing's background work on every node: start due campaigns, recover expired send
 * leases, drain the outbox with a few worker threads, advance due sequence steps. All of
 * it is claimed through the database (SKIP LOCKED), so any number of nodes can run it
 * side by side. Off with {@code crm.marketing.scheduler.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "crm.marketing.scheduler.enabled", matchIfMissing = true)
class MarketingScheduler implements DisposableBean {

	private static final Log log = LogFactory.getLog(MarketingScheduler.class);

	private final CampaignService campaigns;

	private final OutboxWorker worker;

	private final SequenceRunner sequences;

	private final int threads;

	private final int batchSize;

	private final ExecutorService pool;

	MarketingScheduler(CampaignService campaigns, OutboxWorker worker, SequenceRunner sequences,
			MarketingSettings settings) {
		this.campaigns = campaigns;
		this.worker = worker;
		this.sequences = sequences;
		this.threads = Math.max(1, settings.send().threads());
		this.batchSize = settings.send().batchSize();
		this.pool = Executors.newFixedThreadPool(this.threads, r -> {
			Thread t = new Thread(r, "marketing-send");
			t.setDaemon(true);
			return t;
		});
	}

	@Scheduled(fixedDelayString = "${crm.marketing.scheduler.delay-ms:5000}",
			initialDelayString = "${crm.marketing.scheduler.initial-delay-ms:10000}")
	void tick() {
		try {
			campaigns.startDue();
			for (int round = 0; round < 50 && sequences.advanceDue(200) > 0; round++) {
				// keep going while enrolments were due, within reason per run
			}
			worker.recoverExpiredLeases();
			List<Future<Integer>> runs = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				String id = OutboxWorker.newWorkerId();
				runs.add(pool.submit(() -> worker.drain(id, batchSize)));
			}
			for (Future<Integer> run : runs) {
				run.get();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			log.error("Marketing scheduler run failed; the next run retries", ex);
		}
	}

	@Override
	public void destroy() {
		pool.shutdownNow();
	}

}
