package org.opencrm.service.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencrm.core.mail.MailGateway;
import org.opencrm.core.mail.MailOutboxSettings;
import org.opencrm.core.mail.MailWorker;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.service.DeskFixtures;
import org.opencrm.service.DeskFixtures.Fixtures;
import org.opencrm.service.ticket.AddReply;
import org.opencrm.service.ticket.ReplyAuthor;
import org.opencrm.service.ticket.TicketChannel;
import org.opencrm.service.ticket.TicketDetails;
import org.opencrm.service.ticket.TicketLookup;
import org.opencrm.service.ticket.TicketReplies;
import org.opencrm.service.ticket.TicketActions;
import org.opencrm.service.ticket.TicketStatus;
import org.opencrm.service.ticket.TicketTags;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/** The e-mail channel end to end against an in-process SMTP + IMAP server (GreenMail). */
@SpringBootTest(properties = { "crm.service.sla.scheduler-enabled=false", "crm.service.mail.scheduler-enabled=false",
		"crm.mail.outbox.scheduler-enabled=false" })
@Import(DeskFixtures.class)
class EmailToTicketTest {

	static final String SUPPORT = "support@help.test";

	static final GreenMail MAIL = new GreenMail(
			new ServerSetup[] { new ServerSetup(0, "127.0.0.1", "smtp"), new ServerSetup(0, "127.0.0.1", "imap") });

	static final GreenMailUser SUPPORT_BOX;

	static {
		MAIL.start();
		SUPPORT_BOX = MAIL.setUser(SUPPORT, SUPPORT, "secret");
	}

	@DynamicPropertySource
	static void mailServer(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
		registry.add("crm.mail.inbound.protocol", () -> "imap");
		registry.add("crm.mail.inbound.host", () -> "127.0.0.1");
		registry.add("crm.mail.inbound.port", () -> MAIL.getImap().getPort());
		registry.add("crm.mail.inbound.username", () -> SUPPORT);
		registry.add("crm.mail.inbound.password", () -> "secret");
		registry.add("crm.mail.inbound.address", () -> SUPPORT);
	}

	@Autowired
	InboundMailPoller poller;

	@Autowired
	InboundMailService inbound;

	@Autowired
	MailWorker outbox;

	@Autowired
	MailOutboxSettings outboxSettings;

	@Autowired
	TicketLookup ticketLookup;

	@Autowired
	TicketReplies ticketReplies;

	@Autowired
	TicketActions ticketActions;

	@Autowired
	TicketTags tags;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	MailSettings settings;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	Clock clock;

	final Session session = Session.getInstance(new Properties());

	long agent;

	@BeforeEach
	void setUp() throws Exception {
		fixtures.noRoutingRules();
		agent = fixtures.agent("Alice Agent");
		MAIL.purgeEmailFromAllMailboxes();
		outbox.sendDue(); // nothing left over from other tests
		MAIL.purgeEmailFromAllMailboxes();
	}

	private static String sender() {
		return "pat-" + DeskFixtures.unique() + "@customer.test";
	}

	private MimeMessage mail(String from, String subject, String text) throws Exception {
		MimeMessage m = new MimeMessage(session);
		m.setFrom(new InternetAddress(from, "Pat Customer"));
		m.setRecipient(Message.RecipientType.TO, new InternetAddress(SUPPORT));
		m.setSubject(subject);
		m.setText(text, "UTF-8");
		m.saveChanges();
		return m;
	}

	private void deliverRaw(String raw) throws Exception {
		SUPPORT_BOX.deliver(new MimeMessage(session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
	}

	private long count(String sql, Object... params) {
		return jdbc.sql(sql).params(params).query(Long.class).single();
	}

	private Long ticketOf(String messageId) {
		return jdbc.sql("select ticket_id from inbound_emails where message_id = ?")
			.param(messageId)
			.query(Long.class)
			.optional()
			.orElse(null);
	}

	private String statusOf(String messageId) {
		return jdbc.sql("select status from inbound_emails where message_id = ?")
			.param(messageId)
			.query(String.class)
			.single();
	}

	private List<MimeMessage> sentTo(String address) throws Exception {
		return Arrays.stream(MAIL.getReceivedMessages()).filter(m -> {
			try {
				return InternetAddress.toString(m.getAllRecipients()).contains(address);
			}
			catch (Exception ex) {
				return false;
			}
		}).toList();
	}

	@Test
	void anEmailBecomesATicketTheAgentsReplyThreadsAndTheCustomersAnswerComesBackOntoIt() throws Exception {
		// given a customer writes to support
		String customer = sender();
		MimeMessage first = mail(customer, "Printer on fire", "It smokes. Please help.");
		SUPPORT_BOX.deliver(first);

		// when the mailbox is polled
		assertThat(poller.poll()).isEqualTo(1);

		// then a ticket is open for the new contact, and the mail left the server
		Long ticketId = ticketOf(first.getMessageID());
		assertThat(ticketId).isNotNull();
		assertThat(statusOf(first.getMessageID())).isEqualTo("PROCESSED");
		TicketDetails ticket = ticketLookup.details(ticketId);
		assertThat(ticket.channel()).isEqualTo(TicketChannel.EMAIL);
		assertThat(ticket.subject()).isEqualTo("Printer on fire");
		assertThat(ticket.contactEmail()).isEqualTo(customer);
		assertThat(ticket.conversation()).singleElement()
			.satisfies(m -> assertThat(m.body()).isEqualTo("It smokes. Please help."));
		assertThat(SUPPORT_BOX.getEmail()).isEqualTo(SUPPORT);
		assertThat(MAIL.getManagers().getImapHostManager().getInbox(SUPPORT_BOX).getMessageCount()).isZero();

		// and one acknowledgement goes out with the number in the subject
		outbox.sendDue();
		List<MimeMessage> acks = sentTo(customer);
		assertThat(acks).singleElement().satisfies(ack -> {
			assertThat(ack.getSubject()).startsWith("[" + tags.tag(ticket.number()) + "]");
			assertThat(ack.getHeader("In-Reply-To", null)).isEqualTo(first.getMessageID());
			assertThat(ack.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
		});

		// when an agent answers on the ticket
		ticketReplies.addReply(ticketId, AddReply.publicReply(ReplyAuthor.agent(agent), "Please unplug it."));
		ticketReplies.addReply(ticketId, AddReply.internalNote(agent, "Probably the fuser."));
		outbox.sendDue();

		// then the answer arrives by e-mail, threaded, with the ticket number
		List<MimeMessage> toCustomer = sentTo(customer);
		assertThat(toCustomer).hasSize(2);
		MimeMessage reply = toCustomer.get(1);
		assertThat(reply.getSubject()).isEqualTo("[" + tags.tag(ticket.number()) + "] Re: Printer on fire");
		assertThat(reply.getHeader("In-Reply-To", null)).isEqualTo(first.getMessageID());
		assertThat(reply.getHeader("References", null)).contains(first.getMessageID());
		assertThat(reply.getFrom()[0].toString()).isEqualTo(SUPPORT);
		assertThat((String) reply.getContent()).contains("Please unplug it.").doesNotContain("fuser");
		assertThat(count("select count(*) from ticket_messages where external_ref = ?", reply.getMessageID()))
			.isEqualTo(1);

		// when the agent resolves it and the customer answers the e-mail (no number in
		// the subject)
		ticketActions.changeStatus(ticketId, TicketStatus.RESOLVED, null);
		MimeMessage answer = mail(customer, "Re: your answer", "It worked, thanks!\n\nOn Monday Support wrote:\n> "
				+ MailParser.REPLY_MARKER + "\n> Please unplug it.");
		answer.setHeader("In-Reply-To", reply.getMessageID());
		answer.setHeader("References", first.getMessageID() + " " + reply.getMessageID());
		answer.saveChanges();
		SUPPORT_BOX.deliver(answer);
		poller.poll();

		// then it lands on the same ticket, without the quoted text, and reopens it; no
		// second ack
		assertThat(ticketOf(answer.getMessageID())).isEqualTo(ticketId);
		TicketDetails after = ticketLookup.details(ticketId);
		assertThat(after.status()).isEqualTo(TicketStatus.OPEN);
		assertThat(after.conversation()).last().satisfies(m -> {
			assertThat(m.authorKind()).isEqualTo(ReplyAuthor.Kind.CUSTOMER);
			assertThat(m.body()).isEqualTo("It worked, thanks!");
		});
		assertThat(count(
				"select count(*) from mail_outbox where record_type = 'ticket' and record_id = ? and purpose = 'ticket.ack'",
				ticketId))
			.isEqualTo(1);
	}

	@Test
	void aCustomerWhoseLanguageIsGermanGetsTheAcknowledgementInGerman() throws Exception {
		String customer = sender();
		jdbc.sql("""
				insert into contacts (first_name, last_name, email, lifecycle_stage, preferred_locale)
				values ('Greta', 'Gruber', ?, 'CUSTOMER', 'de')
				""").param(customer).update();
		MimeMessage first = mail(customer, "Drucker brennt", "Es raucht.");
		SUPPORT_BOX.deliver(first);
		poller.poll();
		outbox.sendDue();

		TicketDetails ticket = ticketLookup.details(ticketOf(first.getMessageID()));
		assertThat(sentTo(customer)).singleElement()
			.satisfies(ack -> assertThat(ack.getSubject())
				.isEqualTo("[" + tags.tag(ticket.number()) + "] Wir haben Ihre Anfrage erhalten: Drucker brennt"));

		// Someone the desk knows no language of gets the install's (English here).
		String stranger = sender();
		MimeMessage other = mail(stranger, "Printer on fire", "It smokes.");
		SUPPORT_BOX.deliver(other);
		poller.poll();
		outbox.sendDue();
		TicketDetails theirs = ticketLookup.details(ticketOf(other.getMessageID()));
		assertThat(sentTo(stranger)).singleElement()
			.satisfies(ack -> assertThat(ack.getSubject())
				.isEqualTo("[" + tags.tag(theirs.number()) + "] We received your request: Printer on fire"));
	}

	@Test
	void theTicketNumberInTheSubjectThreadsAReplyWithoutHeaders() throws Exception {
		String customer = sender();
		MimeMessage first = mail(customer, "Invoice question", "Why twice?");
		SUPPORT_BOX.deliver(first);
		poller.poll();
		long ticketId = ticketOf(first.getMessageID());
		String number = ticketLookup.details(ticketId).number();

		MimeMessage more = mail(customer, "Re: [" + number + "] Invoice question", "Here is the invoice number: 42.");
		SUPPORT_BOX.deliver(more);
		poller.poll();

		assertThat(ticketOf(more.getMessageID())).isEqualTo(ticketId);
		assertThat(ticketLookup.details(ticketId).conversation()).hasSize(2);
	}

	/** A customer's ticket, answered by an agent and resolved; returns its id. */
	private long resolvedTicketOf(String customer, String subject) throws Exception {
		MimeMessage first = mail(customer, subject, "Please look into it.");
		SUPPORT_BOX.deliver(first);
		poller.poll();
		long ticketId = ticketOf(first.getMessageID());
		ticketReplies.addReply(ticketId, AddReply.publicReply(ReplyAuthor.agent(agent), "Done, see attached."));
		ticketActions.changeStatus(ticketId, TicketStatus.RESOLVED, null);
		outbox.sendDue();
		return ticketId;
	}

	@Test
	void aStrangerNamingATicketNumberGetsATicketOfTheirOwnAndTheResolvedTicketStaysAsItWas() throws Exception {
		// given a customer's resolved ticket
		String customer = sender();
		long ticketId = resolvedTicketOf(customer, "Contract renewal");
		TicketDetails before = ticketLookup.details(ticketId);
		String number = before.number();

		// when strangers write with its bare number, and with a made-up signed part
		String stranger = "mallory-" + DeskFixtures.unique() + "@evil.test";
		MimeMessage bare = mail(stranger, "Re: [" + number + "] Contract renewal", "Please send the contract to me.");
		MimeMessage forged = mail(stranger, "Re: [" + number + "-aaaaaaaa] Contract renewal", "Still waiting.");
		SUPPORT_BOX.deliver(bare);
		SUPPORT_BOX.deliver(forged);
		poller.poll();

		// then neither reaches the customer's ticket: it stays resolved, its conversation
		// (what the customer's portal shows) unchanged
		TicketDetails after = ticketLookup.details(ticketId);
		assertThat(after.status()).isEqualTo(TicketStatus.RESOLVED);
		assertThat(after.conversation()).hasSameSizeAs(before.conversation());
		assertThat(after.conversation()).noneMatch(m -> m.body().contains("send the contract"));
		// and each opened a ticket of the stranger's own, with a note for the agents
		for (MimeMessage m : List.of(bare, forged)) {
			Long own = ticketOf(m.getMessageID());
			assertThat(own).isNotNull().isNotEqualTo(ticketId);
			TicketDetails theirs = ticketLookup.details(own);
			assertThat(theirs.contactEmail()).isEqualTo(stranger);
			assertThat(theirs.contactId()).isNotEqualTo(before.contactId());
			// (stored as a message key with the number, shown in each reader's language)
			assertThat(jdbc.sql("""
					select body_key, body_args::text as args from ticket_messages where ticket_id = ? and internal
					""").param(own).query((rs, n) -> rs.getString("body_key") + " " + rs.getString("args")).list())
				.anySatisfy(
						note -> assertThat(note).startsWith("ticket.note.mail.strangerNamesTicket ").contains(number));
		}
		// and the customer's portal (their tickets) still lists only their own
		assertThat(count("select count(*) from tickets where contact_id = ?", before.contactId())).isEqualTo(1);
	}

	@Test
	void theRequesterThreadsWithTheSignedTagOrTheBareNumberAndReopensTheTicket() throws Exception {
		String customer = sender();
		long ticketId = resolvedTicketOf(customer, "Broken hinge");
		String number = ticketLookup.details(ticketId).number();

		MimeMessage signed = mail(customer, "Re: [" + tags.tag(number) + "] Broken hinge", "It broke again.");
		SUPPORT_BOX.deliver(signed);
		poller.poll();
		assertThat(ticketOf(signed.getMessageID())).isEqualTo(ticketId);
		assertThat(ticketLookup.details(ticketId).status()).isEqualTo(TicketStatus.OPEN);

		// an old-style tag (mails sent before tags were signed) still works for them
		MimeMessage bare = mail(customer.toUpperCase(), "Re: [" + number + "] Broken hinge", "Photo follows.");
		SUPPORT_BOX.deliver(bare);
		poller.poll();
		assertThat(ticketOf(bare.getMessageID())).isEqualTo(ticketId);
	}

	@Test
	void aReplyToOneOfOurMailsThreadsWhoeverSendsItAsDoesTheSignedTag() throws Exception {
		// given a resolved ticket whose answer went out by mail
		String customer = sender();
		long ticketId = resolvedTicketOf(customer, "Delivery address");
		MimeMessage answer = sentTo(customer).get(sentTo(customer).size() - 1);
		String number = ticketLookup.details(ticketId).number();

		// when a colleague the customer forwarded it to answers it (In-Reply-To our mail)
		String colleague = "sam-" + DeskFixtures.unique() + "@customer.test";
		MimeMessage reply = mail(colleague, "Re: Delivery address", "Use the warehouse on Main Street.");
		reply.setHeader("In-Reply-To", answer.getMessageID());
		reply.saveChanges();
		// and another writes with the signed tag from the subject
		MimeMessage tagged = mail("lee-" + DeskFixtures.unique() + "@customer.test",
				"Re: [" + tags.tag(number) + "] Delivery address", "Gate code 1234.");
		SUPPORT_BOX.deliver(reply);
		SUPPORT_BOX.deliver(tagged);
		poller.poll();

		// then both land on the ticket, marked as written by someone else
		assertThat(ticketOf(reply.getMessageID())).isEqualTo(ticketId);
		assertThat(ticketOf(tagged.getMessageID())).isEqualTo(ticketId);
		assertThat(ticketLookup.details(ticketId).conversation()).anySatisfy(
				m -> assertThat(m.body()).startsWith("(from " + colleague + ")").contains("warehouse on Main Street"));
	}

	@Test
	void aReplyToAnUnknownTicketNumberOpensANewTicketAndSaysSo() throws Exception {
		MimeMessage mail = mail(sender(), "Re: [T-999999] Old matter", "Still broken.");
		SUPPORT_BOX.deliver(mail);

		poller.poll();

		Long ticketId = ticketOf(mail.getMessageID());
		assertThat(ticketId).isNotNull();
		TicketDetails ticket = ticketLookup.details(ticketId);
		assertThat(ticket.number()).isNotEqualTo("T-999999");
		// an internal note, stored as a message key with the number (shown in each
		// reader's language)
		assertThat(jdbc.sql("""
				select body_key || ' ' || body_args::text from ticket_messages where ticket_id = ? and internal
				""").param(ticketId).query(String.class).list())
			.anySatisfy(note -> assertThat(note).startsWith("ticket.note.mail.unknownTicket ").contains("T-999999"));
		assertThat(jdbc.sql(
				"select concat_ws(' ', reason_key, reason_args::text, reason) from inbound_emails where message_id = ?")
			.param(mail.getMessageID())
			.query(String.class)
			.single()).contains("T-999999");
	}

	@Test
	void acknowledgementsAreRateLimitedPerSender() throws Exception {
		String customer = sender();
		for (int i = 0; i < 5; i++) {
			SUPPORT_BOX.deliver(mail(customer, "Question " + i, "Text " + i));
		}

		poller.poll();

		assertThat(count("select count(*) from inbound_emails where lower(from_address) = ? and status = 'PROCESSED'",
				customer))
			.isEqualTo(5);
		assertThat(count("select count(*) from mail_outbox where purpose = 'ticket.ack' and to_address = ?", customer))
			.isEqualTo(SupportMails.ACKS_PER_HOUR);
	}

	@Test
	void autoRepliesBulkMailBouncesAndOurOwnMailAreStoredButIgnored() throws Exception {
		long ticketsBefore = count("select count(*) from tickets");
		MimeMessage autoReply = mail(sender(), "Out of office", "I am away.");
		autoReply.setHeader("Auto-Submitted", "auto-replied");
		MimeMessage bulk = mail(sender(), "Newsletter", "Deals!");
		bulk.setHeader("Precedence", "bulk");
		MimeMessage bounce = mail("MAILER-DAEMON@mx.customer.test", "Undelivered Mail Returned to Sender", "Gone.");
		MimeMessage ourOwn = mail(SUPPORT, "[T-000001] Re: something", "Loop?");
		MimeMessage human = mail(sender(), "Human", "Auto-Submitted: no is a person");
		human.setHeader("Auto-Submitted", "no");
		for (MimeMessage m : List.of(autoReply, bulk, bounce, ourOwn, human)) {
			m.saveChanges();
			SUPPORT_BOX.deliver(m);
		}

		poller.poll();

		for (MimeMessage m : List.of(autoReply, bulk, bounce, ourOwn)) {
			assertThat(statusOf(m.getMessageID())).isEqualTo("IGNORED");
			assertThat(ticketOf(m.getMessageID())).isNull();
		}
		assertThat(jdbc.sql(
				"select concat_ws(' ', reason_key, reason_args::text, reason) from inbound_emails where message_id = ?")
			.param(bounce.getMessageID())
			.query(String.class)
			.single()).containsIgnoringCase("bounce");
		assertThat(statusOf(human.getMessageID())).isEqualTo("PROCESSED");
		assertThat(count("select count(*) from tickets")).isEqualTo(ticketsBefore + 1);
	}

	@Test
	void mailWithoutSenderOrWithBrokenMimeIsKeptAsFailedAndCanBeRetried() throws Exception {
		String noFrom = "<nofrom-" + DeskFixtures.unique() + "@x.test>";
		deliverRaw("Message-ID: " + noFrom + "\r\nTo: " + SUPPORT + "\r\nSubject: Who am I\r\n\r\nNo sender here.\r\n");
		String broken = "<broken-" + DeskFixtures.unique() + "@x.test>";
		deliverRaw("Message-ID: " + broken + "\r\nFrom: " + sender() + "\r\nTo: " + SUPPORT
				+ "\r\nSubject: Broken\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
				+ "there is no boundary line in here at all\r\n");

		poller.poll();

		assertThat(statusOf(noFrom)).isEqualTo("FAILED");
		assertThat(jdbc.sql(
				"select concat_ws(' ', reason_key, reason_args::text, reason) from inbound_emails where message_id = ?")
			.param(noFrom)
			.query(String.class)
			.single()).contains("no sender");
		assertThat(statusOf(broken)).isEqualTo("FAILED");
		assertThat(jdbc.sql(
				"select concat_ws(' ', reason_key, reason_args::text, reason) from inbound_emails where message_id = ?")
			.param(broken)
			.query(String.class)
			.single()).contains("MIME");
		assertThat(count("select count(*) from inbound_emails where message_id = ? and length(raw) > 0", broken))
			.isEqualTo(1);

		// A retry processes it again (still unreadable, so still FAILED, one more
		// attempt) ...
		long brokenId = jdbc.sql("select id from inbound_emails where message_id = ?")
			.param(broken)
			.query(Long.class)
			.single();
		assertThat(inbound.retry(brokenId)).isEqualTo(InboundStatus.FAILED);
		assertThat(count("select attempts from inbound_emails where id = ?", brokenId)).isEqualTo(2);

		// ... and a mail that failed for a passing reason goes through on retry.
		MimeMessage fine = mail(sender(), "Was unlucky", "Try me again.");
		long fineId = inbound.store(SUPPORT, raw(fine)).orElseThrow();
		jdbc.sql("update inbound_emails set status = 'FAILED', reason = 'database was down' where id = ?")
			.param(fineId)
			.update();
		assertThat(inbound.retry(fineId)).isEqualTo(InboundStatus.PROCESSED);
		assertThat(ticketOf(fine.getMessageID())).isNotNull();

		// Processed mail is not retried.
		assertThatThrownBy(() -> inbound.retry(fineId)).isInstanceOf(RuleViolationException.class);
	}

	@Test
	void refusedAttachmentsAreListedOnTheTicketAndTheMailStillGoesIn() throws Exception {
		MimeMessage m = new MimeMessage(session);
		m.setFrom(new InternetAddress(sender()));
		m.setRecipient(Message.RecipientType.TO, new InternetAddress(SUPPORT));
		m.setSubject("Files");
		MimeMultipart multipart = new MimeMultipart();
		MimeBodyPart text = new MimeBodyPart();
		text.setText("See attached.", "UTF-8");
		MimeBodyPart pdf = new MimeBodyPart();
		pdf.setContent("%PDF-1.4 fake".getBytes(StandardCharsets.US_ASCII), "application/pdf");
		pdf.setFileName("invoice.pdf");
		MimeBodyPart exe = new MimeBodyPart();
		exe.setContent(new byte[] { 'M', 'Z', 0, 1 }, "application/octet-stream");
		exe.setFileName("setup.exe");
		multipart.addBodyPart(text);
		multipart.addBodyPart(pdf);
		multipart.addBodyPart(exe);
		m.setContent(multipart);
		m.saveChanges();
		SUPPORT_BOX.deliver(m);

		poller.poll();

		TicketDetails ticket = ticketLookup.details(ticketOf(m.getMessageID()));
		assertThat(ticket.conversation()).singleElement().satisfies(msg -> {
			assertThat(msg.attachments()).extracting(a -> a.filename()).containsExactly("invoice.pdf");
			assertThat(msg.body()).startsWith("See attached.").contains("setup.exe");
		});
	}

	@Test
	void aHugeBodyIsShortenedWithANoteAndTheRawMailKept() throws Exception {
		MimeMessage m = mail(sender(), "Log dump", "x".repeat(250_000));
		SUPPORT_BOX.deliver(m);

		poller.poll();

		TicketDetails ticket = ticketLookup.details(ticketOf(m.getMessageID()));
		String body = ticket.conversation().get(0).body();
		assertThat(body).hasSizeLessThan(100_000).endsWith(MailParser.TRUNCATED_NOTE);
		assertThat(count("select size_bytes from inbound_emails where message_id = ?", m.getMessageID()))
			.isGreaterThan(250_000);
	}

	@Test
	void twoPollersAtOnceMakeOneTicketPerMail() throws Exception {
		List<MimeMessage> mails = new java.util.ArrayList<>();
		for (int i = 0; i < 6; i++) {
			MimeMessage m = mail(sender(), "Concurrent " + i, "Body " + i);
			mails.add(m);
			SUPPORT_BOX.deliver(m);
		}
		InboundMailPoller otherNode = new InboundMailPoller(jdbc, inbound, settings, tx, clock);
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			Future<Integer> a = pool.submit(() -> {
				start.await();
				return poller.poll();
			});
			Future<Integer> b = pool.submit(() -> {
				start.await();
				return otherNode.poll();
			});
			start.countDown();
			assertThat(a.get() + b.get()).isEqualTo(6);
		}
		finally {
			pool.shutdown();
		}
		// A second fetch of the same message (e.g. after a crash before deletion) stores
		// nothing.
		assertThat(inbound.store(SUPPORT, raw(mails.get(0)))).isEmpty();

		for (MimeMessage m : mails) {
			assertThat(statusOf(m.getMessageID())).isEqualTo("PROCESSED");
			assertThat(count("select count(*) from tickets where subject = ?", m.getSubject())).isEqualTo(1);
		}
	}

	@Test
	void aFailingSmtpServerKeepsTheReplyQueuedAndTheAgentsActionSucceeds() throws Exception {
		// given a ticket from a customer and an SMTP server that refuses connections
		String customer = sender();
		MimeMessage first = mail(customer, "Where is my parcel", "Order 77.");
		SUPPORT_BOX.deliver(first);
		poller.poll();
		long ticketId = ticketOf(first.getMessageID());
		JavaMailSenderImpl down = new JavaMailSenderImpl();
		down.setHost("127.0.0.1");
		down.setPort(1);
		MailWorker failing = new MailWorker(jdbc, MailGateway.smtp(down), clock, outboxSettings);

		// when the agent replies and the outbox tries to send
		long messageId = ticketReplies.addReply(ticketId,
				AddReply.publicReply(ReplyAuthor.agent(agent), "It ships today."));
		assertThat(failing.sendDue()).isZero();

		// then the reply is saved, its mail waits for another attempt with the error
		// noted
		assertThat(count("select count(*) from ticket_messages where id = ?", messageId)).isEqualTo(1);
		assertThat(jdbc.sql("""
				select status || ' ' || attempts || ' ' || (last_error is not null) from mail_outbox
				where message_id = (select external_ref from ticket_messages where id = ?)
				""").param(messageId).query(String.class).single()).isEqualTo("PENDING 0 true");

		// and once the server is back and the retry is due, it goes out
		((org.opencrm.test.MovableClock) clock).advance(java.time.Duration.ofMinutes(3));
		outbox.sendDue();
		assertThat(jdbc.sql(
				"select status from mail_outbox where message_id = (select external_ref from ticket_messages where id = ?)")
			.param(messageId)
			.query(String.class)
			.single()).isEqualTo("SENT");
		assertThat(sentTo(customer)).extracting(MimeMessage::getSubject)
			.contains("[" + tags.tag(ticketLookup.details(ticketId).number()) + "] Re: Where is my parcel");
	}

	@Test
	void aSenderTheDeskRefusesIsKeptAsFailedWithTheReason() throws Exception {
		String raw = "Message-ID: <local-" + DeskFixtures.unique() + "@x.test>\r\nFrom: root@localhost\r\nTo: "
				+ SUPPORT + "\r\nSubject: Local\r\n\r\nhello\r\n";
		long id = inbound.store(SUPPORT, raw.getBytes(StandardCharsets.UTF_8)).orElseThrow();

		inbound.processPending();

		assertThat(inbound.status(id)).isEqualTo(InboundStatus.FAILED);
		assertThat(jdbc
			.sql("select concat_ws(' ', reason_key, reason_args::text, reason) from inbound_emails where id = ?")
			.param(id)
			.query(String.class)
			.single()).contains("e-mail address is not valid");
		assertThat(count("select count(*) from tickets where subject = 'Local'")).isZero();
	}

	private static byte[] raw(MimeMessage m) throws Exception {
		var out = new java.io.ByteArrayOutputStream();
		m.writeTo(out);
		return out.toByteArray();
	}

}
