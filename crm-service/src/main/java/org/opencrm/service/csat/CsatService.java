package org.opencrm.service.csat;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.opencrm.core.config.CrmSettings;
import org.opencrm.core.mail.MailTemplates;
import org.opencrm.core.mail.Mails;
import org.opencrm.core.mail.OutgoingMail;
import org.opencrm.core.shared.MailKind;
import org.opencrm.core.shared.Rows;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.timeline.InteractionKind;
import org.opencrm.core.timeline.RecordInteraction;
import org.opencrm.core.timeline.TimelineText;
import org.opencrm.core.timeline.TimelineService;
import org.opencrm.service.TicketResolved;
import org.opencrm.service.mail.MailSettings;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Customer satisfaction: one survey per resolved ticket, mailed to the contact (through
 * the mail outbox, from the csat-survey mail template) as one-click rating links; the
 * rating (changeable for {@link #CHANGE_WINDOW}) and an optional comment; the report.
 */
@Service
public class CsatService {

	/** How long after the first rating a customer may still change it. */
	public static final Duration CHANGE_WINDOW = Duration.ofDays(7);

	private final JdbcClient jdbc;

	private final SurveyTokens tokens;

	private final Mails mails;

	private final MailTemplates templates;

	private final TimelineService timeline;

	private final Clock clock;

	private final String baseUrl;

	private final String from;

	CsatService(JdbcClient jdbc, SurveyTokens tokens, Mails mails, MailTemplates templates, TimelineService timeline,
			Clock clock, CrmSettings crm, MailSettings mailSettings) {
		this.jdbc = jdbc;
		this.tokens = tokens;
		this.mails = mails;
		this.templates = templates;
		this.timeline = timeline;
		this.clock = clock;
		this.baseUrl = crm.baseUrl();
		this.from = mailSettings.sender();
	}

	/**
	 * Creates the ticket's survey and mails its contact, once: a second delivery of the
	 * same event finds the survey and does nothing. Returns the survey id, or null when
	 * it already existed.
	 */
	@Transactional
	public Long surveyResolvedTicket(TicketResolved ticket) {
		Long id = jdbc.sql("""
				insert into csat_surveys (ticket_id, ticket_number, ticket_subject, contact_id, account_id, agent_id,
				                          queue_id, queue_name, resolved_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (ticket_id) do nothing
				returning id
				""")
			.params(ticket.ticketId(), ticket.number(), ticket.subject(), ticket.contactId(), ticket.accountId(),
					ticket.assigneeId(), ticket.queueId(), ticket.queueName(),
					Timestamp.from(ticket.resolvedAt() != null ? ticket.resolvedAt() : clock.instant()))
			.query(Long.class)
			.optional()
			.orElse(null);
		if (id == null || ticket.contactId() == null) {
			return id;
		}
		record Recipient(String email, String firstName) {
		}
		Recipient to = jdbc.sql("select email, first_name from contacts where id = ?")
			.param(ticket.contactId())
			.query(Rows.of(Recipient.class))
			.optional()
			.orElse(null);
		if (to != null && to.email() != null && !to.email().isBlank()) {
			send(id, to.email(), to.firstName(), ticket);
			jdbc.sql("update csat_surveys set sent_at = ? where id = ?")
				.params(Timestamp.from(clock.instant()), id)
				.update();
		}
		return id;
	}

	/** The rating links of a survey, e.g. for showing beside the ticket. */
	public String ratingUrl(long surveyId, int score) {
		return baseUrl + "/csat/" + tokens.sign(surveyId) + "/" + score;
	}

	/**
	 * The survey behind a link; {@link InvalidSurveyTokenException} for a forged or
	 * altered one.
	 */
	@Transactional(readOnly = true)
	public SurveyView survey(String token) {
		return view(tokens.verify(token));
	}

	/**
	 * Records a rating from a link. The first rating lands on the customer's timeline;
	 * within {@link #CHANGE_WINDOW} a different rating replaces it (and is noted too);
	 * later ones are refused.
	 */
	@Transactional
	public SurveyView rate(String token, int score) {
		long id = tokens.verify(token);
		if (score < 1 || score > 5) {
			throw new RuleViolationException("csat.badScore", "A rating is 1 to 5");
		}
		record Current(Integer rating, Instant firstRatedAt, Long accountId, Long contactId, String ticketNumber) {
		}
		Current current = jdbc
			.sql("""
					select rating, first_rated_at, account_id, contact_id, ticket_number from csat_surveys where id = ? for update
					""")
			.param(id)
			.query((rs, n) -> new Current(rs.getObject("rating", Integer.class),
					Rows.instantOrNull(rs, "first_rated_at"), Rows.longOrNull(rs, "account_id"),
					Rows.longOrNull(rs, "contact_id"), rs.getString("ticket_number")))
			.optional()
			.orElseThrow(InvalidSurveyTokenException::new);
		Instant now = clock.instant();
		if (current.firstRatedAt() != null && now.isAfter(current.firstRatedAt().plus(CHANGE_WINDOW))) {
			throw new RuleViolationException("csat.tooLate", "This rating can no longer be changed");
		}
		if (current.rating() != null && current.rating() == score) {
			return view(id);
		}
		jdbc.sql("""
				update csat_surveys set rating = ?, rated_at = ?, first_rated_at = coalesce(first_rated_at, ?),
				       version = version + 1, updated_at = ?
				where id = ?
				""").params(score, Timestamp.from(now), Timestamp.from(now), Timestamp.from(now), id).update();
		if (current.accountId() != null || current.contactId() != null) {
			TimelineText subject = TimelineText.of(
					current.rating() == null ? "timeline.csat.rated" : "timeline.csat.changed", score,
					current.ticketNumber());
			timeline.record(new RecordInteraction(InteractionKind.TICKET, now, current.accountId(), current.contactId(),
					subject, null, "service", "csat:" + id));
		}
		return view(id);
	}

	/**
	 * Adds or replaces the optional comment of a rated survey (while it may still
	 * change).
	 */
	@Transactional
	public SurveyView comment(String token, String comment) {
		long id = tokens.verify(token);
		SurveyView survey = view(id);
		if (survey.rating() == null) {
			throw new RuleViolationException("csat.rateFirst", "Choose a rating first");
		}
		if (!survey.changeable()) {
			throw new RuleViolationException("csat.tooLate", "This rating can no longer be changed");
		}
		String text = comment == null || comment.isBlank() ? null : comment.trim();
		if (text != null && text.length() > 2000) {
			throw new RuleViolationException("csat.commentTooLong", "At most 2000 characters", 2000);
		}
		jdbc.sql("update csat_surveys set comment = ?, version = version + 1, updated_at = ? where id = ?")
			.params(text, Timestamp.from(clock.instant()), id)
			.update();
		return view(id);
	}

	/** A customer's latest surveys (an account's include its contacts'), newest first. */
	@Transactional(readOnly = true)
	public List<CsatItem> recent(Long accountId, Long contactId, int limit) {
		String subject = contactId != null ? "s.contact_id = :subject" : "s.account_id = :subject";
		return jdbc.sql("""
				select s.id, s.ticket_id, s.ticket_number, s.ticket_subject, u.full_name as agent_name, s.rating,
				       s.comment, s.resolved_at, s.rated_at
				from csat_surveys s left join users u on u.id = s.agent_id
				where %s order by s.resolved_at desc, s.id desc limit :limit
				""".formatted(subject))
			.param("subject", contactId != null ? contactId : accountId)
			.param("limit", limit)
			.query(Rows.of(CsatItem.class))
			.list();
	}

	/**
	 * Surveys of tickets resolved in months {@code from}..{@code to} (in {@code zone}):
	 * how many, how many answered, average answer; overall, per agent, per queue and per
	 * month.
	 */
	@Transactional(readOnly = true)
	public CsatReport report(YearMonth from, YearMonth to, ZoneId zone) {
		if (to.isBefore(from)) {
			throw new RuleViolationException("csat.report.badPeriod", "The period ends before it starts");
		}
		Timestamp start = Timestamp.from(from.atDay(1).atStartOfDay(zone).toInstant());
		Timestamp end = Timestamp.from(to.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant());
		String figures = "count(*) as surveys, count(s.rating) as responses, round(avg(s.rating), 2) as average";
		String period = " where s.resolved_at >= :start and s.resolved_at < :end ";
		CsatFigures overall = jdbc.sql("select 'all' as label, " + figures + " from csat_surveys s" + period)
			.param("start", start)
			.param("end", end)
			.query(CsatService::figures)
			.single();
		List<CsatFigures> byAgent = jdbc
			.sql("select coalesce(u.full_name, '—') as label, " + figures
					+ " from csat_surveys s left join users u on u.id = s.agent_id" + period
					+ " group by u.full_name order by label")
			.param("start", start)
			.param("end", end)
			.query(CsatService::figures)
			.list();
		List<CsatFigures> byQueue = jdbc
			.sql("select coalesce(s.queue_name, '—') as label, " + figures + " from csat_surveys s" + period
					+ " group by s.queue_name order by label")
			.param("start", start)
			.param("end", end)
			.query(CsatService::figures)
			.list();
		List<CsatFigures> byMonth = jdbc
			.sql("select to_char(s.resolved_at at time zone :zone, 'YYYY-MM') as label, " + figures
					+ " from csat_surveys s" + period + " group by 1 order by 1")
			.param("zone", zone.getId())
			.param("start", start)
			.param("end", end)
			.query(CsatService::figures)
			.list();
		return new CsatReport(from, to, overall, byAgent, byQueue, byMonth);
	}

	private static CsatFigures figures(ResultSet rs, int n) throws SQLException {
		return new CsatFigures(rs.getString("label"), rs.getLong("surveys"), rs.getLong("responses"),
				rs.getObject("average", BigDecimal.class));
	}

	private SurveyView view(long id) {
		Instant now = clock.instant();
		return jdbc.sql("""
				select id, ticket_number, ticket_subject, rating, comment, rated_at, first_rated_at
				from csat_surveys where id = ?
				""").param(id).query((rs, n) -> {
			Instant first = Rows.instantOrNull(rs, "first_rated_at");
			return new SurveyView(rs.getLong("id"), rs.getString("ticket_number"), rs.getString("ticket_subject"),
					rs.getObject("rating", Integer.class), rs.getString("comment"), Rows.instantOrNull(rs, "rated_at"),
					first == null || !now.isAfter(first.plus(CHANGE_WINDOW)));
		}).optional().orElseThrow(InvalidSurveyTokenException::new);
	}

	/** One-click rating links in the survey mail, worst to best. */
	public record RatingLink(int score, String url) {
	}

	/**
	 * The survey mail, in the customer's language
	 * ({@link MailTemplates#localeOfContact}).
	 */
	private void send(long surveyId, String email, String firstName, TicketResolved ticket) {
		List<RatingLink> ratings = IntStream.rangeClosed(1, 5)
			.mapToObj(score -> new RatingLink(score, ratingUrl(surveyId, score)))
			.toList();
		Map<String, Object> variables = new HashMap<>();
		variables.put("name", firstName);
		variables.put("number", ticket.number());
		variables.put("subject", ticket.subject());
		variables.put("ratings", ratings);
		mails.enqueue(OutgoingMail.to(email, MailKind.SERVICE, "csat.survey")
			.withFrom(from)
			.withContent(templates.render("csat-survey", templates.localeOfContact(ticket.contactId()), variables))
			.withHeader("Auto-Submitted", "auto-generated")
			.about("csat_survey", surveyId));
	}

}
