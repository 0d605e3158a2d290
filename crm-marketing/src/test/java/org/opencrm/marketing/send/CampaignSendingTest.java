package org.opencrm.marketing.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencrm.marketing.Fixtures.contact;
import static org.opencrm.marketing.Fixtures.contacts;
import static org.opencrm.marketing.Fixtures.template;
import static org.opencrm.marketing.Fixtures.unique;

import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.marketing.MarketingTest;
import org.opencrm.marketing.campaign.CampaignCommand;
import org.opencrm.marketing.campaign.CampaignReport;
import org.opencrm.marketing.campaign.CampaignService;
import org.opencrm.marketing.campaign.CampaignStatus;
import org.opencrm.marketing.campaign.CampaignType;
import org.springframework.beans.factory.annotation.Autowired;

class CampaignSendingTest extends MarketingTest {

	@Autowired
	CampaignService campaigns;

	@Autowired
	OutboxWorker worker;

	/**
	 * A scheduled campaign to {@code n} consenting contacts tagged with a fresh tag;
	 * returns its id.
	 */
	long campaignTo(String tag, int n) {
		contacts(jdbc, tag, n, true);
		long segment = segments.define(tag);
		long id = campaigns.create(new CampaignCommand("Launch " + tag, CampaignType.EMAIL, null, null, null, null,
				segment, template(jdbc, "T " + tag), 0));
		campaigns.schedule(id, 0, null);
		assertThat(campaigns.startDue()).contains(id);
		return id;
	}

	/** Messages GreenMail received for this test's addresses, by recipient. */
	static Map<String, Long> receivedBy(String tag) throws Exception {
		return Arrays.stream(MAIL.getReceivedMessages())
			.map(CampaignSendingTest::recipient)
			.filter(r -> r.contains(tag))
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
	}

	static String recipient(MimeMessage m) {
		try {
			Address[] to = m.getRecipients(MimeMessage.RecipientType.TO);
			return to[0].toString();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	static long total(Map<String, Long> byRecipient) {
		return byRecipient.values().stream().mapToLong(Long::longValue).sum();
	}

	@Test
	void aThousandRecipientCampaignDeliversExactlyOneMessageToEach() throws Exception {
		String tag = unique();
		long id = campaignTo(tag, 1000);

		worker.drain(OutboxWorker.newWorkerId(), 100);

		Map<String, Long> received = receivedBy(tag);
		assertThat(received).hasSize(1000);
		assertThat(total(received)).isEqualTo(1000);
		assertThat(campaigns.details(id).status()).isEqualTo(CampaignStatus.SENT);
		CampaignReport report = campaigns.report(id);
		assertThat(report.sent()).isEqualTo(1000);
		assertThat(report.pending()).isZero();
		assertThat(report.unknown()).isZero();
	}

	@Test
	void twoWorkersDrainingAtOnceStillSendEachMessageOnce() throws Exception {
		String tag = unique();
		long id = campaignTo(tag, 1000);

		var pool = Executors.newFixedThreadPool(2);
		try {
			Future<Integer> a = pool.submit(() -> worker.drain(OutboxWorker.newWorkerId(), 50));
			Future<Integer> b = pool.submit(() -> worker.drain(OutboxWorker.newWorkerId(), 50));
			// Both drain every due row, which may include another test's rows whose
			// backoff the shared
			// clock has passed; so count this campaign's claims, not the workers' totals.
			assertThat(a.get() + b.get()).isGreaterThanOrEqualTo(1000);
		}
		finally {
			pool.shutdown();
		}
		assertThat(jdbc.sql("select sum(attempts) from email_outbox where campaign_id = ?")
			.param(id)
			.query(Long.class)
			.single()).as("claims of this campaign's rows: each exactly once").isEqualTo(1000);

		Map<String, Long> received = receivedBy(tag);
		assertThat(received).hasSize(1000);
		assertThat(total(received)).isEqualTo(1000);
		assertThat(campaigns.report(id).sent()).isEqualTo(1000);
	}

	@Test
	void aCrashRightAfterTheServerAcceptedAMessageNeitherResendsNorLosesAnyOther() throws Exception {
		String tag = unique();
		long id = campaignTo(tag, 1000);
		String crashed = OutboxWorker.newWorkerId();
		gateway.crashAfterAccepted = 400;

		// The worker "dies" after the server took message 400, before it could record it.
		assertThatThrownBy(() -> worker.drain(crashed, 100)).isInstanceOf(SimulatedCrash.class);
		gateway.reset();
		// Time passes: the dead worker's leases run out; another node recovers and
		// carries on.
		jdbc.sql(
				"update email_outbox set claimed_until = now() - interval '1 minute' where campaign_id = ? and status = 'SENDING'")
			.param(id)
			.update();
		worker.recoverExpiredLeases();
		worker.drain(OutboxWorker.newWorkerId(), 100);

		Map<String, Long> received = receivedBy(tag);
		assertThat(received).hasSize(1000);
		assertThat(total(received)).isEqualTo(1000);
		CampaignReport report = campaigns.report(id);
		// The one in doubt was in fact delivered, and is not sent again.
		assertThat(report.sent()).isEqualTo(999);
		assertThat(report.unknown()).isEqualTo(1);
		assertThat(report.pending()).isZero();
		assertThat(campaigns.details(id).status()).isEqualTo(CampaignStatus.SENT);
	}

	@Test
	void aCrashWithABatchClaimedButNotYetSentLosesNothingOnceTheLeaseExpires() throws Exception {
		String tag = unique();
		long id = campaignTo(tag, 1000);
		worker.runOnce(OutboxWorker.newWorkerId(), 300);
		gateway.crashOnOpen = true;

		assertThatThrownBy(() -> worker.runOnce(OutboxWorker.newWorkerId(), 300)).isInstanceOf(SimulatedCrash.class);
		gateway.reset();
		assertThat(worker.recoverExpiredLeases()).isZero(); // still leased: nobody may
															// take them yet
		jdbc.sql(
				"update email_outbox set claimed_until = now() - interval '1 minute' where campaign_id = ? and status = 'SENDING'")
			.param(id)
			.update();
		assertThat(worker.recoverExpiredLeases()).isEqualTo(300);
		worker.drain(OutboxWorker.newWorkerId(), 100);

		Map<String, Long> received = receivedBy(tag);
		assertThat(received).hasSize(1000);
		assertThat(total(received)).isEqualTo(1000);
		assertThat(campaigns.report(id).sent()).isEqualTo(1000);
	}

	@Test
	void unsubscribedNonConsentingDuplicateAndInvalidAddressesGetNothing() throws Exception {
		String tag = unique();
		contact(jdbc, "Yes", "yes-" + tag + "@example.com", tag, true, null);
		contact(jdbc, "Twin", "YES-" + tag + "@example.com", tag, true, null);
		contact(jdbc, "No", "no-" + tag + "@example.com", tag, false, null);
		contact(jdbc, "Gone", "gone-" + tag + "@example.com", tag, true, null);
		contact(jdbc, "Broken", "broken-" + tag + "-at-example.com", tag, true, null);
		jdbc.sql("insert into email_suppressions (email, reason) values (?, 'UNSUBSCRIBED')")
			.param("gone-" + tag + "@example.com")
			.update();
		long id = campaigns.create(new CampaignCommand("Careful", CampaignType.EMAIL, null, null, null, null,
				segments.define(tag), template(jdbc, "T " + tag), 0));

		assertThat(campaigns.eligibleRecipients(id)).isEqualTo(1);
		campaigns.schedule(id, 0, null);
		campaigns.startDue();
		worker.drain(OutboxWorker.newWorkerId(), 10);

		assertThat(receivedBy(tag)).containsOnlyKeys("yes-" + tag + "@example.com");
	}

	@Test
	void schedulingACampaignNobodyMayReceiveIsRefused() {
		String tag = unique();
		contact(jdbc, "No", "no-" + tag + "@example.com", tag, false, null);
		long id = campaigns.create(new CampaignCommand("Nobody", CampaignType.EMAIL, null, null, null, null,
				segments.define(tag), template(jdbc, "T " + tag), 0));

		assertThatThrownBy(() -> campaigns.schedule(id, 0, null)).isInstanceOf(RuleViolationException.class)
			.extracting(ex -> ((RuleViolationException) ex).code())
			.isEqualTo("campaign.noRecipients");
		assertThat(campaigns.details(id).status()).isEqualTo(CampaignStatus.DRAFT);
	}

	@Test
	void whenTheServerRefusesConnectionsSendsStayRetryableAndGoOutOnceItIsBack() throws Exception {
		String tag = unique();
		long id = campaignTo(tag, 20);
		gateway.refuseConnections = true;

		worker.drain(OutboxWorker.newWorkerId(), 50);

		assertThat(receivedBy(tag)).isEmpty();
		CampaignReport waiting = campaigns.report(id);
		assertThat(waiting.pending()).isEqualTo(20);
		assertThat(waiting.failed()).isZero();
		List<String> errors = jdbc.sql("select distinct last_error from email_outbox where campaign_id = ?")
			.param(id)
			.query(String.class)
			.list();
		assertThat(errors).singleElement().asString().contains("Could not connect");
		assertThat(campaigns.problems(id)).singleElement().satisfies(p -> {
			assertThat(p.status()).isEqualTo("PENDING");
			assertThat(p.count()).isEqualTo(20);
		});
		// Not due again before the backoff has passed.
		assertThat(worker.runOnce(OutboxWorker.newWorkerId(), 50)).isZero();

		gateway.refuseConnections = false;
		jdbc.sql("update email_outbox set next_attempt_at = now() - interval '1 second' where campaign_id = ?")
			.param(id)
			.update();
		worker.drain(OutboxWorker.newWorkerId(), 50);

		Map<String, Long> received = receivedBy(tag);
		assertThat(received).hasSize(20);
		assertThat(total(received)).isEqualTo(20);
		assertThat(jdbc.sql("select max(attempts) from email_outbox where campaign_id = ?")
			.param(id)
			.query(Integer.class)
			.single()).isEqualTo(2);
	}

	@Test
	void aCampaignWhoseSegmentCannotBeEvaluatedGoesBackToDraftWithoutBlockingOthers() {
		String tag = unique();
		contact(jdbc, "Ok", "ok-" + tag + "@example.com", tag, true, null);
		long template = template(jdbc, "T " + tag);
		long brokenSegment = segments.define(tag);
		long broken = campaigns.create(new CampaignCommand("Broken " + tag, CampaignType.EMAIL, null, null, null, null,
				brokenSegment, template, 0));
		long fine = campaigns.create(new CampaignCommand("Fine " + tag, CampaignType.EMAIL, null, null, null, null,
				segments.define(tag), template, 0));
		campaigns.schedule(broken, 0, null);
		campaigns.schedule(fine, 0, null);
		segments.forget(brokenSegment);
		jdbc.sql("update campaigns set scheduled_at = scheduled_at - interval '1 minute' where id = ?")
			.param(broken)
			.update();

		assertThat(campaigns.startDue()).contains(fine).doesNotContain(broken);

		assertThat(campaigns.details(broken).status()).isEqualTo(CampaignStatus.DRAFT);
		assertThat(campaigns.details(fine).status()).isEqualTo(CampaignStatus.SENDING);
	}

	@Test
	void afterTheLastAttemptARowIsFailedAndNoLongerRetried() {
		String tag = unique();
		long id = campaignTo(tag, 3);
		gateway.refuseConnections = true;
		for (int i = 0; i < 5; i++) {
			jdbc.sql(
					"update email_outbox set next_attempt_at = now() - interval '1 second' where campaign_id = ? and status = 'PENDING'")
				.param(id)
				.update();
			worker.drain(OutboxWorker.newWorkerId(), 50);
		}

		CampaignReport report = campaigns.report(id);
		assertThat(report.failed()).isEqualTo(3);
		assertThat(report.pending()).isZero();
		assertThat(campaigns.details(id).status()).isEqualTo(CampaignStatus.SENT);
	}

	@Test
	void messagesCarryListUnsubscribeHeadersAndTheirOwnMessageId() throws Exception {
		String tag = unique();
		long id = campaignTo(tag, 1);
		worker.drain(OutboxWorker.newWorkerId(), 10);

		MimeMessage m = Arrays.stream(MAIL.getReceivedMessages())
			.filter(x -> recipient(x).contains(tag))
			.findFirst()
			.orElseThrow();
		String messageId = jdbc.sql("select message_id from email_outbox where campaign_id = ?")
			.param(id)
			.query(String.class)
			.single();
		assertThat(m.getMessageID()).isEqualTo(messageId);
		assertThat(m.getHeader("List-Unsubscribe")[0]).startsWith("<https://crm.example.test/u/");
		assertThat(m.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
	}

}
