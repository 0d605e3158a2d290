package org.opencrm.marketing.scoring;

import static org.opencrm.core.shared.Rows.instantOrNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.opencrm.core.event.LeadConverted;
import org.opencrm.core.event.LeadCreated;
import org.opencrm.core.event.LeadRemoved;
import org.opencrm.core.event.LeadOwnerChanged;
import org.opencrm.core.event.LeadScored;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.task.CreateTask;
import org.opencrm.core.timeline.TimelineText;
import org.opencrm.core.task.TaskService;
import org.opencrm.marketing.EngagementRecorded;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Explainable lead scoring: each lead's score is the sum of the rules that fired (kept
 * with the list of them), recomputed when a lead arrives, when it engages, and nightly
 * for decay. A lead that reaches the threshold becomes an MQL once: {@link LeadScored} is
 * published and its owner gets a follow-up task. Marketing's copy of the leads and their
 * engagements are job rows, written in SQL; the rules are only read.
 */
@Service
public class LeadScoring {

	private static final JsonMapper JSON = JsonMapper.shared();

	private final JdbcClient jdbc;

	private final ScoringQueries queries;

	private final ApplicationEventPublisher events;

	private final TaskService tasks;

	private final Clock clock;

	private final TransactionTemplate transactions;

	LeadScoring(JdbcClient jdbc, ScoringQueries queries, ApplicationEventPublisher events, TaskService tasks,
			Clock clock, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.queries = queries;
		this.events = events;
		this.tasks = tasks;
		this.clock = clock;
		this.transactions = transactions;
	}

	/** Sales gave a lead to someone else: whose it is decides who sees its score. */
	@Transactional
	void leadOwnerChanged(LeadOwnerChanged e) {
		jdbc.sql(
				"update scored_leads set owner_id = (select id from users where id = ?), updated_at = now() where lead_id = ?")
			.params(e.ownerId(), e.leadId())
			.update();
	}

	/**
	 * Sales created a lead: remember what it is scored on, and score it (past engagements
	 * by its e-mail count).
	 */
	@Transactional
	void leadCreated(LeadCreated e) {
		jdbc.sql("""
				insert into scored_leads (lead_id, email, source, campaign_id, company, title, industry, country,
				                          company_size, owner_id)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, (select id from users where id = ?))
				on conflict (lead_id) do update set email = excluded.email, source = excluded.source,
				  campaign_id = excluded.campaign_id, company = excluded.company, title = excluded.title,
				  industry = excluded.industry, country = excluded.country, company_size = excluded.company_size,
				  owner_id = excluded.owner_id, version = scored_leads.version + 1, updated_at = now()
				""")
			.params(e.leadId(), lower(e.email()), e.source(), e.campaignId(), e.company(), e.title(), e.industry(),
					e.country(), e.companySize(), e.ownerId())
			.update();
		rescore(e.leadId());
	}

	/** Sales deleted the lead (its import was reverted): its score goes with it. */
	@Transactional
	void leadRemoved(LeadRemoved e) {
		jdbc.sql("delete from scored_leads where lead_id = ?").param(e.leadId()).update();
	}

	/** The lead became a contact: segments match its score by contact from now on. */
	@Transactional
	void leadConverted(LeadConverted e) {
		jdbc.sql("update scored_leads set contact_id = (select id from contacts where id = ?) where lead_id = ?")
			.params(e.contactId(), e.leadId())
			.update();
	}

	/** Remembers an engagement and rescores the leads with that e-mail address. */
	@Transactional
	void engaged(EngagementRecorded e) {
		if (!ScoringService.ENGAGEMENTS.contains(e.type().name())) {
			return;
		}
		String email = lower(e.email());
		if (email == null && e.contactId() != null) {
			email = jdbc.sql("select lower(email) from contacts where id = ?")
				.param(e.contactId())
				.query(String.class)
				.optional()
				.orElse(null);
		}
		if (email == null) {
			return;
		}
		Instant at = e.at() == null ? clock.instant() : e.at();
		// Keyed by what the event says, so a second delivery (a re-sent publication,
		// another
		// node) adds and rescores nothing; one running at the same time waits for this
		// one's commit, then finds the row.
		int added = jdbc.sql("""
				insert into engagements (email, contact_id, type, campaign_id, occurred_at) values (?, ?, ?, ?, ?)
				on conflict (email, type, coalesce(campaign_id, 0), occurred_at) do nothing
				""")
			.params(email, e.contactId(), e.type().name(), e.campaignId(), at.atOffset(ZoneOffset.UTC))
			.update();
		if (added == 0) {
			return;
		}
		for (Long leadId : jdbc.sql("select lead_id from scored_leads where lower(email) = ? order by lead_id")
			.param(email)
			.query(Long.class)
			.list()) {
			rescore(leadId);
		}
	}

	/** Recomputes one lead's score in the caller's transaction. */
	@Transactional
	public void rescore(long leadId) {
		record Row(String email, String source, String title, String industry, String country, Integer companySize,
				Long ownerId, Long contactId, int score, boolean mql) {
		}
		Row lead = jdbc.sql("""
				select email, source, title, industry, country, company_size, owner_id, contact_id, score, mql
				from scored_leads where lead_id = ? for update
				""")
			.param(leadId)
			.query((rs, n) -> new Row(rs.getString("email"), rs.getString("source"), rs.getString("title"),
					rs.getString("industry"), rs.getString("country"), rs.getObject("company_size", Integer.class),
					rs.getObject("owner_id", Long.class), rs.getObject("contact_id", Long.class), rs.getInt("score"),
					rs.getBoolean("mql")))
			.optional()
			.orElseThrow(() -> new NotFoundException("Lead score", leadId));
		ScoringSettings settings = queries.settings();
		Instant now = clock.instant();
		List<ScoreCalculator.Engagement> engagements = lead.email() == null ? List.of()
				: jdbc.sql("select type, occurred_at from engagements where email = ? order by occurred_at")
					.param(lead.email())
					.query((rs, n) -> new ScoreCalculator.Engagement(rs.getString(1), instantOrNull(rs, "occurred_at")))
					.list();
		List<ScoreItem> items = ScoreCalculator.items(new ScoreCalculator.Profile(lead.industry(), lead.title(),
				lead.country(), lead.companySize(), lead.source()), queries.rules(), engagements,
				settings.halfLifeDays(), now);
		int score = ScoreCalculator.score(items);
		boolean crossed = !lead.mql() && score >= settings.mqlThreshold();
		jdbc.sql("""
				update scored_leads set score = ?, explanation = cast(? as jsonb), scored_at = ?,
				       mql = mql or ?, mql_at = case when ? then ? else mql_at end
				where lead_id = ?
				""")
			.params(score, explanationJson(items), now.atOffset(ZoneOffset.UTC), crossed, crossed,
					now.atOffset(ZoneOffset.UTC), leadId)
			.update();
		if (crossed) {
			assignFollowUp(leadId, lead.email(), lead.ownerId(), lead.contactId(), score, settings.mqlThreshold(),
					items, now);
		}
		if (crossed || score != lead.score()) {
			events.publishEvent(new LeadScored(leadId, score, lead.mql() || crossed));
		}
	}

	private void assignFollowUp(long leadId, String email, Long ownerId, Long contactId, int score, int threshold,
			List<ScoreItem> scored, Instant now) {
		if (ownerId == null || jdbc.sql("select count(*) from users where id = ? and enabled")
			.param(ownerId)
			.query(Long.class)
			.single() == 0) {
			return;
		}
		// The rules' own labels (the marketer's words) with their points, one per line.
		StringBuilder items = new StringBuilder();
		scored.forEach(i -> items.append("\n• ")
			.append(i.label())
			.append(i.count() > 1 ? " ×" + i.count() : "")
			.append(": ")
			.append(i.points()));
		tasks.create(CreateTask.generated(TimelineText.of("task.mql.title", email == null ? "#" + leadId : email),
				TimelineText.of("task.mql.why", score, threshold, items.toString()), now.plus(Duration.ofDays(1)),
				ownerId, null, contactId, "lead:" + leadId));
	}

	private static String explanationJson(List<ScoreItem> items) {
		List<Map<String, Object>> out = new ArrayList<>();
		for (ScoreItem i : items) {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("rule", i.ruleId());
			m.put("label", i.label());
			m.put("count", i.count());
			m.put("points", i.points());
			out.add(m);
		}
		return JSON.writeValueAsString(out);
	}

	/**
	 * Recomputes every lead that has engagements (decay) or, with {@code all}, every lead
	 * (after the rules changed), each in its own short transaction. Returns how many were
	 * scored.
	 */
	public int rescoreAll(boolean all) {
		int done = 0;
		long after = -1;
		while (true) {
			List<Long> ids = jdbc
				.sql("select s.lead_id from scored_leads s where s.lead_id > ?"
						+ (all ? "" : " and exists (select 1 from engagements e where e.email = lower(s.email))")
						+ " order by s.lead_id limit 500")
				.param(after)
				.query(Long.class)
				.list();
			if (ids.isEmpty()) {
				return done;
			}
			for (Long id : ids) {
				transactions.executeWithoutResult(tx -> rescore(id));
				done++;
			}
			after = ids.get(ids.size() - 1);
		}
	}

	/**
	 * The nightly decay run, claimed through the database: of all nodes, the one whose
	 * update marks today as done runs it; the others (and later calls on the same day) do
	 * nothing.
	 */
	public boolean decayIfDue() {
		var today = clock.instant().atOffset(ZoneOffset.UTC).toLocalDate();
		int claimed = jdbc.sql("""
				update marketing_job_claims set last_run_on = ?, claimed_at = now()
				where job = 'score-decay' and (last_run_on is null or last_run_on < ?)
				""").params(today, today).update();
		if (claimed == 0) {
			return false;
		}
		rescoreAll(false);
		return true;
	}

	private static String lower(String s) {
		return s == null || s.isBlank() ? null : s.trim().toLowerCase(Locale.ROOT);
	}

}
