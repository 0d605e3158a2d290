package org.opencrm.marketing.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.opencrm.marketing.MarketingTest;
import org.opencrm.marketing.MarketingTestBeans;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.opencrm.marketing.campaign.CampaignCommand;
import org.opencrm.marketing.campaign.CampaignService;
import org.opencrm.marketing.campaign.CampaignType;
import org.opencrm.core.mail.MailWorker;
import org.opencrm.marketing.send.SendProgress;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The send benchmark (not a test: surefire's default includes skip it;
 * bench/campaign-send-100k.sh runs it). Materialises a campaign of
 * {@code crm.bench.recipients} contacts and drains it with {@code crm.bench.threads}
 * workers to an in-process SMTP sink, then prints the figures.
 */
@SpringBootTest
@Import(MarketingTestBeans.class)
class CampaignSendBench {

	static final SmtpSink SINK = start();

	static SmtpSink start() {
		try {
			return new SmtpSink();
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@DynamicPropertySource
	static void sink(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", SINK::port);
	}

	@AfterAll
	static void stop() throws Exception {
		SINK.close();
	}

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MarketingTest.TagSegments segments;

	@Autowired
	CampaignService campaigns;

	@Autowired
	MailWorker worker;

	@Autowired
	SendProgress progress;

	@Test
	void sendACampaign() throws Exception {
		int n = Integer.getInteger("crm.bench.recipients", 100_000);
		int threads = Integer.getInteger("crm.bench.threads", 4);
		int batch = Integer.getInteger("crm.bench.batch", 200);
		String tag = "bench" + org.opencrm.marketing.Fixtures.unique();
		long t0 = System.nanoTime();
		jdbc.sql("""
				insert into contacts (first_name, last_name, email, lifecycle_stage, tags, consent_email)
				select 'P' || i, 'Bench', 'p' || i || '@' || ? || '.example', 'LEAD', array[?], true
				from generate_series(1, ?) i
				""").params(tag, tag, n).update();
		long template = org.opencrm.marketing.Fixtures.template(jdbc, "Bench " + tag);
		long id = campaigns.create(new CampaignCommand("Bench " + tag, CampaignType.EMAIL, null, null, null, null,
				segments.define(tag), template, 0));
		long t1 = System.nanoTime();
		campaigns.schedule(id, 0, null);
		campaigns.startDue();
		long t2 = System.nanoTime();
		var pool = Executors.newFixedThreadPool(threads + 1);
		List<Future<Integer>> runs = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			String w = MailWorker.newWorkerId();
			runs.add(pool.submit(() -> worker.drain(w, batch)));
		}
		// What the marketing scheduler does alongside, at its interval
		// (crm.marketing.scheduler.delay-ms, 5 s by default): outcomes onto the sends,
		// timeline entries, the campaign marked SENT.
		long followUpMs = Long.getLong("crm.bench.follow-up-ms", 5000);
		CountDownLatch drained = new CountDownLatch(1);
		Future<Integer> followUp = pool.submit(() -> {
			int settled = 0;
			while (!drained.await(followUpMs, TimeUnit.MILLISECONDS)) {
				settled += progress.run();
			}
			return settled;
		});
		int accepted = 0;
		for (Future<Integer> r : runs) {
			accepted += r.get();
		}
		long drainedAt = System.nanoTime();
		drained.countDown();
		int settled = followUp.get() + progress.run();
		long t3 = System.nanoTime();
		pool.shutdown();
		double sendSeconds = (t3 - t2) / 1e9;
		System.out.printf(
				"[bench] recipients=%d threads=%d batch=%d setup=%.1fs materialise=%.2fs send=%.1fs "
						+ "(workers done after %.1fs) rate=%.0f msg/s received=%d unique=%d%n",
				n, threads, batch, (t1 - t0) / 1e9, (t2 - t1) / 1e9, sendSeconds, (drainedAt - t2) / 1e9,
				n / sendSeconds, SINK.messages.get(), SINK.recipients.size());
		assertThat(accepted).isEqualTo(n);
		assertThat(settled).isGreaterThanOrEqualTo(n);
		assertThat(jdbc.sql("select status from campaigns where id = ?").param(id).query(String.class).single())
			.isEqualTo("SENT");
		assertThat(SINK.messages.get()).isEqualTo(n);
		assertThat(SINK.recipients).hasSize(n);
	}

}
