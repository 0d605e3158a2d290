package org.opencrm.service.csat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.opencrm.service.ServiceTestData.unique;
import static org.opencrm.service.ServiceTestData.user;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opencrm.service.ServiceTestData;
import org.opencrm.core.mail.MailWorker;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.timeline.InteractionKind;
import org.opencrm.core.timeline.TimelineService;
import org.opencrm.core.user.PortalLogins;
import org.opencrm.service.TicketResolved;
import org.opencrm.test.MovableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@SpringBootTest(properties = "crm.scheduling.enabled=false")
class CsatServiceTest {

	static final AtomicLong TICKETS = new AtomicLong(System.nanoTime() % 1_000_000_000L);

	@Autowired
	CsatService csat;

	@Autowired
	SurveyTokens tokens;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	GreenMail greenMail;

	@Autowired
	TimelineService timeline;

	@Autowired
	MovableClock clock;

	/** Monday 23 November 2026, 10:00 UTC. */
	static final Instant START = Instant.parse("2026-11-23T10:00:00Z");

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MailWorker outbox;

	@Autowired
	PortalLogins logins;

	@AfterEach
	void resetClock() {
		clock.set(START);
	}

	private record Customer(long account, long contact, String email) {
	}

	private Customer customer() {
		String u = unique();
		long account = ServiceTestData.account(jdbc, "Csat Co " + u);
		String email = "carla." + u + "@example.com";
		return new Customer(account, ServiceTestData.contact(jdbc, account, "Carla", "Csat" + u, email), email);
	}

	private TicketResolved resolved(long ticketId, Customer c, Long agentId) {
		return new TicketResolved(ticketId, "T-" + ticketId, "Printer on fire", c.contact(), c.account(), agentId, 3L,
				"Technical", clock.instant());
	}

	private List<MimeMessage> mailTo(String email) {
		return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> {
			try {
				return m.getRecipients(Message.RecipientType.TO)[0].toString().equals(email);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
	}

	/** The plain-text part of a (multipart) mail. */
	private static String text(Object content) throws Exception {
		if (content instanceof String s) {
			return s;
		}
		if (content instanceof Multipart multipart) {
			StringBuilder all = new StringBuilder();
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart part = multipart.getBodyPart(i);
				if (part.isMimeType("text/plain") || part.isMimeType("multipart/*")) {
					all.append(text(part.getContent()));
				}
			}
			return all.toString();
		}
		return "";
	}

	private static String ratingLink(MimeMessage mail, int score) throws Exception {
		Matcher m = Pattern.compile("http://localhost:8080/csat/([A-Za-z0-9_.-]+)/" + score)
			.matcher(text(mail.getContent()));
		assertThat(m.find()).as("rating link for %d in the mail", score).isTrue();
		return m.group(1);
	}

	@Test
	void aResolvedTicketGetsOneSurveyAndOneMailWithWorkingRatingLinks() throws Exception {
		Customer c = customer();
		long ticket = TICKETS.incrementAndGet();
		TicketResolved event = resolved(ticket, c, null);

		// When the ticket desk publishes the event (twice, as a re-delivery would)
		tx.executeWithoutResult(s -> events.publishEvent(event));
		await().atMost(Duration.ofSeconds(10)).until(() -> outbox.sendDue() >= 0 && mailTo(c.email()).size() == 1);
		csat.surveyResolvedTicket(event);
		outbox.sendDue();

		// Then there is one survey and one mail, whose link records a rating
		assertThat(jdbc.sql("select count(*) from csat_surveys where ticket_id = ?")
			.param(ticket)
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(mailTo(c.email())).hasSize(1);
		MimeMessage mail = mailTo(c.email()).get(0);
		String token = ratingLink(mail, 4);
		assertThat(ratingLink(mail, 1)).isEqualTo(token);

		SurveyView rated = csat.rate(token, 4);

		assertThat(rated.rating()).isEqualTo(4);
		assertThat(rated.ticketNumber()).isEqualTo("T-" + ticket);
		assertThat(timeline.forContact(c.contact(), List.of(InteractionKind.TICKET), null, 10).items()).singleElement()
			.satisfies(e -> {
				assertThat(e.subjectKey()).isEqualTo("timeline.csat.rated");
				assertThat(jdbc.sql("select subject_args::text from interactions where id = ?")
					.param(e.id())
					.query(String.class)
					.single()).isEqualTo("[{\"number\": 4}, {\"text\": \"T-" + ticket + "\"}]");
			});
	}

	@Test
	void theSurveyIsInTheCustomersLanguageThePortalChoiceFirst() throws Exception {
		// A German contact: the survey is German.
		Customer german = customer();
		jdbc.sql("update contacts set preferred_locale = 'de' where id = ?").param(german.contact()).update();
		long ticket = TICKETS.incrementAndGet();
		csat.surveyResolvedTicket(resolved(ticket, german, null));
		outbox.sendDue();
		MimeMessage mail = mailTo(german.email()).get(0);
		assertThat(mail.getSubject()).isEqualTo("Wie war unser Service? T-" + ticket + ": Printer on fire");
		assertThat(text(mail.getContent())).contains("Hallo Carla,", "Sehr zufrieden").doesNotContain("Very happy");

		// A contact marked German who chose English in the portal: English.
		Customer portal = customer();
		jdbc.sql("update contacts set preferred_locale = 'de' where id = ?").param(portal.contact()).update();
		long login = logins.createCustomer("carla." + unique(), "Carla Csat", portal.email(),
				"Correct-Horse-Battery-9-" + unique(), portal.contact(), true);
		jdbc.sql("update users set locale = 'en' where id = ?").param(login).update();
		long other = TICKETS.incrementAndGet();
		csat.surveyResolvedTicket(resolved(other, portal, null));
		outbox.sendDue();
		assertThat(mailTo(portal.email())).singleElement()
			.satisfies(m -> assertThat(m.getSubject()).isEqualTo("How did we do? T-" + other + ": Printer on fire"));
	}

	@Test
	void aRatingCanChangeForSevenDaysThenItIsFinal() {
		Customer c = customer();
		long id = csat.surveyResolvedTicket(resolved(TICKETS.incrementAndGet(), c, null));
		String token = tokens.sign(id);

		csat.rate(token, 2);
		clock.set(START.plus(Duration.ofDays(6)));
		assertThat(csat.rate(token, 5).rating()).isEqualTo(5);
		assertThat(csat.comment(token, "  Sorted in the end.  ").comment()).isEqualTo("Sorted in the end.");

		clock.set(START.plus(Duration.ofDays(7)).plusSeconds(1));
		assertThatThrownBy(() -> csat.rate(token, 1)).hasFieldOrPropertyWithValue("code", "csat.tooLate");
		assertThat(csat.survey(token)).satisfies(s -> {
			assertThat(s.rating()).isEqualTo(5);
			assertThat(s.changeable()).isFalse();
		});
		assertThat(timeline.forContact(c.contact(), List.of(InteractionKind.TICKET), null, 10).items()).hasSize(2);
	}

	@Test
	void badRatingsAndCommentsAreRefused() {
		Customer c = customer();
		long id = csat.surveyResolvedTicket(resolved(TICKETS.incrementAndGet(), c, null));
		String token = tokens.sign(id);

		assertThatThrownBy(() -> csat.comment(token, "first")).hasFieldOrPropertyWithValue("code", "csat.rateFirst");
		assertThatThrownBy(() -> csat.rate(token, 0)).hasFieldOrPropertyWithValue("code", "csat.badScore");
		assertThatThrownBy(() -> csat.rate(token, 6)).isInstanceOf(RuleViolationException.class);
		csat.rate(token, 3);
		assertThatThrownBy(() -> csat.comment(token, "x".repeat(2001))).hasFieldOrPropertyWithValue("code",
				"csat.commentTooLong");
		assertThat(csat.survey(token).comment()).isNull();
	}

	@Test
	void forgedOrAlteredTokensAreRejected() {
		Customer c = customer();
		long id = csat.surveyResolvedTicket(resolved(TICKETS.incrementAndGet(), c, null));
		long other = csat.surveyResolvedTicket(resolved(TICKETS.incrementAndGet(), c, null));
		String token = tokens.sign(id);
		String signature = token.substring(token.indexOf('.') + 1);

		for (String forged : List.of(other + "." + signature, id + "." + signature.substring(1) + "A",
				String.valueOf(id), "abc." + signature, "", id + ".", "." + signature, "-1." + signature)) {
			assertThatThrownBy(() -> csat.rate(forged, 5)).as(forged).isInstanceOf(InvalidSurveyTokenException.class);
			assertThatThrownBy(() -> csat.survey(forged)).as(forged).isInstanceOf(InvalidSurveyTokenException.class);
		}
		assertThat(csat.survey(tokens.sign(other)).rating()).isNull();
	}

	@Test
	void theReportMatchesHandComputedFigures() {
		// Given surveys of tickets resolved in January and February 2031 (no other test
		// uses those months)
		String u = unique();
		long ann = user(jdbc, "ann-" + u, "Ann " + u);
		long bob = user(jdbc, "bob-" + u, "Bob " + u);
		Object[][] surveys = { // agent, queue, resolved, rating
				{ ann, "Billing " + u, "2031-01-05T10:00:00Z", 5 }, { ann, "Billing " + u, "2031-01-20T10:00:00Z", 4 },
				{ ann, "Tech " + u, "2031-02-03T10:00:00Z", null }, { bob, "Tech " + u, "2031-01-10T10:00:00Z", 1 },
				{ bob, "Tech " + u, "2031-02-11T10:00:00Z", 2 }, { bob, "Billing " + u, "2031-02-12T10:00:00Z", 3 },
				{ bob, "Tech " + u, "2031-02-28T23:30:00Z", null },
				// outside the period: March
				{ bob, "Tech " + u, "2031-03-01T00:00:00Z", 5 } };
		for (Object[] s : surveys) {
			jdbc.sql("""
					insert into csat_surveys (ticket_id, ticket_number, agent_id, queue_name, resolved_at, rating,
					                          first_rated_at, rated_at)
					values (?, 'T', ?, ?, ?::timestamptz, ?, case when ? then now() end, case when ? then now() end)
					""").params(TICKETS.incrementAndGet(), s[0], s[1], s[2], s[3], s[3] != null, s[3] != null).update();
		}

		CsatReport report = csat.report(YearMonth.of(2031, 1), YearMonth.of(2031, 2), ZoneOffset.UTC);

		// Ann: 5, 4, – → 3 surveys, 2 answers, 4.50, 66.7 %. Bob: 1, 2, 3, – → 4, 3,
		// 2.00, 75.0 %.
		assertThat(report.byAgent())
			.extracting(CsatFigures::label, CsatFigures::surveys, CsatFigures::responses, CsatFigures::average,
					CsatFigures::responseRate)
			.containsExactly(
					org.assertj.core.groups.Tuple.tuple("Ann " + u, 3L, 2L, new BigDecimal("4.50"),
							new BigDecimal("66.7")),
					org.assertj.core.groups.Tuple.tuple("Bob " + u, 4L, 3L, new BigDecimal("2.00"),
							new BigDecimal("75.0")));
		// Billing: 5, 4, 3 → 3, 3, 4.00. Tech: –, 1, 2, – → 4, 2, 1.50.
		assertThat(report.byQueue())
			.extracting(CsatFigures::label, CsatFigures::surveys, CsatFigures::responses, CsatFigures::average)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("Billing " + u, 3L, 3L, new BigDecimal("4.00")),
					org.assertj.core.groups.Tuple.tuple("Tech " + u, 4L, 2L, new BigDecimal("1.50")));
		// January: 5, 4, 1 → 3.33. February: –, 2, 3, – → 2.50.
		assertThat(report.byMonth())
			.extracting(CsatFigures::label, CsatFigures::surveys, CsatFigures::responses, CsatFigures::average)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("2031-01", 3L, 3L, new BigDecimal("3.33")),
					org.assertj.core.groups.Tuple.tuple("2031-02", 4L, 2L, new BigDecimal("2.50")));
		// All: 7 surveys, 5 answers (5+4+1+2+3 = 15) → 3.00, 71.4 %.
		assertThat(report.overall())
			.extracting(CsatFigures::surveys, CsatFigures::responses, CsatFigures::average, CsatFigures::responseRate)
			.containsExactly(7L, 5L, new BigDecimal("3.00"), new BigDecimal("71.4"));
		assertThatThrownBy(() -> csat.report(YearMonth.of(2031, 2), YearMonth.of(2031, 1), ZoneOffset.UTC))
			.hasFieldOrPropertyWithValue("code", "csat.report.badPeriod");
	}

}
