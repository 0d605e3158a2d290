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
import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.opencrm.core.audit.AuditTrail;
import org.opencrm.core.mail.MailGateway;
import org.opencrm.core.mail.MailWorker;
import org.opencrm.core.mail.MailsInDoubt;
import org.opencrm.core.shared.MailKind;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.marketing.bench.SmtpSink;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.support.TransactionTemplate;
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
	MailsInDoubt inDoubt;

	@Autowired
	AuditTrail audit;

	@Autowired
	TransactionTemplate tx;

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

		sendAll(100);

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
			Future<Integer> a = pool.submit(() -> worker.drain(MailWorker.newWorkerId(), 50));
			Future<Integer> b = pool.submit(() -> worker.drain(MailWorker.newWorkerId(), 50));
			// Both drain every due row, which may include another test's rows whose
			// backoff the shared
			// clock has passed; so count this campaign's claims, not the workers' totals.
			assertThat(a.get() + b.get()).isGreaterThanOrEqualTo(1000);
		}
		finally {
			pool.shutdown();
		}
		progress.run();
		assertThat(jdbc.sql("select sum(attempts) from mail_outbox where " + OF_CAMPAIGN)
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
		String crashed = MailWorker.newWorkerId();
		gateway.crashAfterAccepted = 400;

		// The worker "dies" after the server took message 400, before it could record it.
		assertThatThrownBy(() -> worker.drain(crashed, 100)).isInstanceOf(SimulatedCrash.class);
		gateway.reset();
		// Time passes: the dead worker's leases run out; another node recovers and
		// carries on.
		expireLeases(id);
		worker.recoverExpiredLeases();
		sendAll(100);

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
		worker.runOnce(MailWorker.newWorkerId(), 300);
		gateway.crashOnOpen = true;

		assertThatThrownBy(() -> worker.runOnce(MailWorker.newWorkerId(), 300)).isInstanceOf(SimulatedCrash.class);
		gateway.reset();
		assertThat(worker.recoverExpiredLeases()).isZero(); // still leased: nobody may
															// take them yet
		expireLeases(id);
		assertThat(worker.recoverExpiredLeases()).isEqualTo(300);
		sendAll(100);

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
		sendAll(10);

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
	void whenTheServerRefusesConnectionsSendingPausesAndEverythingGoesOutOnceItIsBack() throws Exception {
		String tag = unique();
		long id = campaignTo(tag, 20);
		gateway.refuseConnections = true;

		sendAll(50);

		assertThat(receivedBy(tag)).isEmpty();
		CampaignReport waiting = campaigns.report(id);
		assertThat(waiting.pending()).isEqualTo(20);
		assertThat(waiting.failed()).isZero();
		List<String> errors = jdbc.sql("select distinct last_error from mail_outbox where " + OF_CAMPAIGN)
			.param(id)
			.query(String.class)
			.list();
		assertThat(errors).singleElement().asString().contains("Could not connect");
		assertThat(campaigns.problems(id)).singleElement().satisfies(p -> {
			assertThat(p.status()).isEqualTo("PENDING");
			assertThat(p.count()).isEqualTo(20);
		});
		// This node pauses: it claims nothing until the pause is over.
		assertThat(worker.paused()).isTrue();
		assertThat(worker.runOnce(MailWorker.newWorkerId(), 50).claimed()).isZero();

		gateway.refuseConnections = false;
		makeDue(id);
		worker.resumeNow();
		sendAll(50);

		Map<String, Long> received = receivedBy(tag);
		assertThat(received).hasSize(20);
		assertThat(total(received)).isEqualTo(20);
		assertThat(jdbc.sql("select max(attempts) from mail_outbox where " + OF_CAMPAIGN)
			.param(id)
			.query(Integer.class)
			.single()).as("the outage used up no attempt").isEqualTo(1);
	}

	@Test
	void anOutageLongerThanTheRetryBudgetPausesSendingInsteadOfFailingTheMails() throws Exception {
		String tag = unique();
		long id = campaignTo(tag, 3);
		gateway.refuseConnections = true;
		for (int i = 0; i < 12; i++) { // more tries than crm.mail.outbox.max-attempts (8)
			makeDue(id);
			worker.resumeNow();
			sendAll(50);
		}

		CampaignReport during = campaigns.report(id);
		assertThat(during.failed()).isZero();
		assertThat(during.pending()).isEqualTo(3);

		gateway.refuseConnections = false;
		makeDue(id);
		worker.resumeNow();
		sendAll(50);
		assertThat(total(receivedBy(tag))).isEqualTo(3);
		assertThat(campaigns.report(id).sent()).isEqualTo(3);
		assertThat(campaigns.details(id).status()).isEqualTo(CampaignStatus.SENT);
	}

	@Test
	void theSmtpServerStoppedMidCampaignAndRestartedLaterEveryRecipientGetsOneMailNoneFailedNoneLost()
			throws Exception {
		String tag = unique();
		int port = freePort();
		GreenMail first = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		first.start();
		GreenMail second = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		// stop() replaces a GreenMail's stores: keep hold of what each server received
		Managers firstStore = first.getManagers();
		gateway.override = MailGateway.smtp(senderAt(port));
		long id = campaignTo(tag, 1000);
		AtomicBoolean done = new AtomicBoolean();
		Managers[] secondStore = { null };
		var sender = Executors.newSingleThreadExecutor();
		try {
			// The background sending of a node: a worker run every few milliseconds.
			Future<?> sending = sender.submit(() -> {
				while (!done.get()) {
					worker.drain(MailWorker.newWorkerId(), 50);
					Thread.sleep(20);
				}
				return null;
			});
			await(() -> first.getReceivedMessages().length >= 200);
			first.stop(); // mid-campaign, connections open
			Thread.sleep(1500);
			assertThat(sending.isDone()).isFalse();
			second.start();
			secondStore[0] = second.getManagers();
			worker.resumeNow(); // rather than wait for the node's next probe
			await(() -> waiting(id) == 0);
			done.set(true);
			sending.get();
		}
		finally {
			done.set(true);
			sender.shutdown();
			second.stop();
		}
		progress.run();

		Map<String, Long> received = Stream.of(firstStore, secondStore[0])
			.flatMap(m -> m.getImapHostManager().getAllMessages().stream())
			.map(StoredMessage::getMimeMessage)
			.map(CampaignSendingTest::recipient)
			.filter(r -> r.contains(tag))
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
		assertThat(received.values()).as("nobody got a mail twice").allMatch(n -> n == 1);
		CampaignReport report = campaigns.report(id);
		assertThat(report.failed()).isZero();
		assertThat(report.pending()).isZero();
		// A line that broke after the end of a message leaves it in doubt (listed, not
		// resent); every other recipient got exactly one mail.
		assertThat(report.sent() + report.unknown()).isEqualTo(1000);
		assertThat(received.size()).isBetween((int) report.sent(), 1000);
		assertThat(campaigns.details(id).status()).isEqualTo(CampaignStatus.SENT);
	}

	@Test
	void aLineThatBreaksBeforeTheEndOfTheMessageIsAnOutageAndTheMailGoesAgain() throws Exception {
		try (SmtpSink sink = new SmtpSink()) {
			gateway.override = MailGateway.smtp(senderAt(sink.port()));
			String tag = unique();
			long id = campaignTo(tag, 5);
			sink.breakNext.set(SmtpSink.Break.BEFORE_END);

			sendAll(10);

			assertThat(count(sink, tag)).isZero();
			assertThat(campaigns.report(id).pending()).isEqualTo(5);
			assertThat(campaigns.report(id).unknown()).isZero();
			makeDue(id);
			worker.resumeNow();
			sendAll(10);
			assertThat(count(sink, tag)).isEqualTo(5);
			assertThat(sink.received.stream().filter(r -> r.contains(tag)).distinct()).hasSize(5);
			assertThat(campaigns.report(id).sent()).isEqualTo(5);
		}
	}

	@Test
	void aLineThatBreaksAfterTheEndOfTheMessageLeavesItInDoubtListedForAPersonToResend() throws Exception {
		try (SmtpSink sink = new SmtpSink()) {
			gateway.override = MailGateway.smtp(senderAt(sink.port()));
			String tag = unique();
			long id = campaignTo(tag, 5);
			sink.breakNext.set(SmtpSink.Break.AFTER_END);

			sendAll(10);
			makeDue(id);
			worker.resumeNow();
			sendAll(10);

			assertThat(count(sink, tag)).as("the one in doubt did arrive; never sent twice").isEqualTo(5);
			CampaignReport report = campaigns.report(id);
			assertThat(report.sent()).isEqualTo(4);
			assertThat(report.unknown()).isEqualTo(1);
			assertThat(campaigns.details(id).status()).isEqualTo(CampaignStatus.SENT);
			MailsInDoubt.InDoubt doubt = inDoubt.list(MailKind.MARKETING, 500)
				.stream()
				.filter(d -> d.toAddress().contains(tag))
				.findFirst()
				.orElseThrow();
			assertThat(doubt.lastError()).contains("In doubt");
			assertThat(inDoubt.list(MailKind.SERVICE, 500)).noneMatch(d -> d.id() == doubt.id());

			// A person resends it deliberately; the audit trail says so.
			tx.executeWithoutResult(s -> inDoubt.resend(doubt.id(), MailKind.MARKETING));
			sendAll(10);
			assertThat(count(sink, tag)).isEqualTo(6);
			assertThat(campaigns.report(id).sent()).isEqualTo(5);
			assertThat(campaigns.report(id).unknown()).isZero();
			assertThat(audit.history(MailsInDoubt.AUDIT_TYPE, doubt.id(), 10))
				.anySatisfy(e -> assertThat(e.newValue()).isEqualTo("PENDING"));
			assertThatThrownBy(() -> inDoubt.resend(doubt.id(), null)).isInstanceOf(NotFoundException.class);
		}
	}

	@Test
	void aCancelledCampaignsWaitingMailsAreNeverSent() throws Exception {
		String tag = unique();
		long id = campaignTo(tag, 10);

		campaigns.cancel(id, campaigns.details(id).version());
		sendAll(50);

		assertThat(receivedBy(tag)).isEmpty();
		assertThat(jdbc.sql("select count(*) from mail_outbox where status = 'FAILED' and " + OF_CAMPAIGN)
			.param(id)
			.query(Long.class)
			.single()).isEqualTo(10);
	}

	@Test
	void aPermanentRefusalSuppressesTheAddress() {
		String tag = unique();
		long id = campaignTo(tag, 1);
		gateway.refuseWith = 550;

		sendAll(10);

		assertThat(campaigns.report(id).failed()).isEqualTo(1);
		assertThat(jdbc.sql("""
				select count(*) from email_suppressions x join email_sends s on s.email = x.email
				where s.campaign_id = ? and x.reason = 'BOUNCED'
				""").param(id).query(Long.class).single()).isEqualTo(1);
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
	void aMailTheServerKeepsRefusingIsFailedAfterTheLastAttemptAndNoLongerRetried() {
		String tag = unique();
		long id = campaignTo(tag, 3);
		gateway.refuseWith = 451;
		for (int i = 0; i < 9; i++) { // crm.mail.outbox.max-attempts is 8
			makeDue(id);
			sendAll(50);
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
		sendAll(10);

		MimeMessage m = Arrays.stream(MAIL.getReceivedMessages())
			.filter(x -> recipient(x).contains(tag))
			.findFirst()
			.orElseThrow();
		String messageId = jdbc.sql("select message_id from email_sends where campaign_id = ?")
			.param(id)
			.query(String.class)
			.single();
		assertThat(m.getMessageID()).isEqualTo(messageId);
		assertThat(m.getHeader("List-Unsubscribe")[0]).startsWith("<https://crm.example.test/u/");
		assertThat(m.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
	}

	/**
	 * Messages the sink received for this test's addresses (other tests' mail may pass
	 * by).
	 */
	static long count(SmtpSink sink, String tag) {
		return sink.received.stream().filter(r -> r.contains(tag)).count();
	}

	/** The outbox rows of a campaign's sends (one parameter: the campaign). */
	static final String OF_CAMPAIGN = "record_type = 'email_send' and record_id in (select id from email_sends where campaign_id = ?)";

	void makeDue(long campaignId) {
		jdbc.sql("update mail_outbox set next_attempt_at = now() - interval '1 second' where status = 'PENDING' and "
				+ OF_CAMPAIGN)
			.param(campaignId)
			.update();
	}

	void expireLeases(long campaignId) {
		jdbc.sql("update mail_outbox set claimed_until = now() - interval '1 minute' where status = 'SENDING' and "
				+ OF_CAMPAIGN)
			.param(campaignId)
			.update();
	}

	long waiting(long campaignId) {
		return jdbc.sql("select count(*) from mail_outbox where status in ('PENDING', 'SENDING') and " + OF_CAMPAIGN)
			.param(campaignId)
			.query(Long.class)
			.single();
	}

	static JavaMailSenderImpl senderAt(int port) {
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost("127.0.0.1");
		sender.setPort(port);
		return sender;
	}

	static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
		long until = System.nanoTime() + java.time.Duration.ofSeconds(90).toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > until) {
				throw new AssertionError("timed out");
			}
			Thread.sleep(50);
		}
	}

	static int freePort() {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
