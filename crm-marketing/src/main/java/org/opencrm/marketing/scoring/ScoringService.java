package org.opencrm.marketing.scoring;

import static org.opencrm.core.shared.Rows.instantOrNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.opencrm.core.audit.AuditTrail;
import org.opencrm.core.event.LeadConverted;
import org.opencrm.core.event.LeadCreated;
import org.opencrm.core.event.LeadOwnerChanged;
import org.opencrm.core.event.LeadScored;
import org.opencrm.core.shared.Keyset;
import org.opencrm.core.shared.KeysetPage;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.SqlWhere;
import org.opencrm.core.shared.StaleEditException;
import org.opencrm.core.task.CreateTask;
import org.opencrm.core.task.TaskService;
import org.opencrm.core.user.Visibility;
import org.opencrm.marketing.EngagementRecorded;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Explainable lead scoring: the rules marketers set, each lead's score as the sum of the
 * rules that fired (kept with the list of them), recomputed when a lead arrives, when it
 * engages, and nightly for decay. A lead that reaches the threshold becomes an MQL once:
 * {@link LeadScored} is published and its owner gets a follow-up task.
 */
@Service
public class ScoringService {

	/** Engagement types a rule may count; SENT is not an engagement of the person. */
	public static final List<String> ENGAGEMENTS = List.of("OPENED", "CLICKED", "FORM_SUBMITTED", "UNSUBSCRIBED",
			"BOUNCED");

	static final String AUDIT_TYPE = "scoring-rule";

	private static final JsonMapper JSON = JsonMapper.shared();

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final TaskService tasks;

	private final AuditTrail audit;

	private final Clock clock;

	private final TransactionTemplate transactions;

	ScoringService(JdbcClient jdbc, ApplicationEventPublisher events, TaskService tasks, AuditTrail audit, Clock clock,
			TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.events = events;
		this.tasks = tasks;
		this.audit = audit;
		this.clock = clock;
		this.transactions = transactions;
	}

	// ---- the model
	// --------------------------------------------------------------------------

	@Transactional(readOnly = true)
	public ScoringSettings settings() {
		return jdbc.sql("select mql_threshold, half_life_days, version from scoring_settings where id = 1")
			.query(ScoringSettings.class)
			.single();
	}

	@Transactional
	public void updateSettings(int mqlThreshold, int halfLifeDays, long version) {
		if (mqlThreshold < 1 || mqlThreshold > 100_000) {
			throw new RuleViolationException("scoring.invalid.threshold", "The MQL threshold is between 1 and 100000.");
		}
		if (halfLifeDays < 1 || halfLifeDays > 3650) {
			throw new RuleViolationException("scoring.invalid.halfLife", "The half-life is between 1 and 3650 days.");
		}
		int n = jdbc
			.sql("""
					update scoring_settings set mql_threshold = ?, half_life_days = ?, version = version + 1, updated_at = now()
					where id = 1 and version = ?
					""")
			.params(mqlThreshold, halfLifeDays, version)
			.update();
		if (n == 0) {
			throw new StaleEditException("ScoringSettings", 1L, version, settings().version());
		}
	}

	@Transactional(readOnly = true)
	public List<ScoringRule> rules() {
		return jdbc.sql("select * from scoring_rules order by kind desc, id").query(ScoringService::rule).list();
	}

	@Transactional(readOnly = true)
	public ScoringRule rule(long id) {
		return jdbc.sql("select * from scoring_rules where id = ?")
			.param(id)
			.query(ScoringService::rule)
			.optional()
			.orElseThrow(() -> new NotFoundException("ScoringRule", id));
	}

	private static ScoringRule rule(ResultSet rs, int n) throws SQLException {
		String field = rs.getString("field");
		String operator = rs.getString("operator");
		return new ScoringRule(rs.getLong("id"), ScoringRule.Kind.valueOf(rs.getString("kind")), rs.getString("label"),
				field == null ? null : ScoringRule.Field.valueOf(field),
				operator == null ? null : ScoringRule.Operator.valueOf(operator), rs.getString("value"),
				rs.getString("engagement"), rs.getInt("points"), rs.getBoolean("active"), rs.getLong("version"));
	}

	@Transactional
	public long createRule(ScoringRuleCommand cmd) {
		ScoringRuleCommand c = checked(cmd);
		long id = jdbc.sql("""
				insert into scoring_rules (kind, label, field, operator, value, engagement, points, active)
				values (?, ?, ?, ?, ?, ?, ?, ?) returning id
				""")
			.params(c.kind().name(), c.label(), c.field() == null ? null : c.field().name(),
					c.operator() == null ? null : c.operator().name(), c.value(), c.engagement(), c.points(),
					c.active())
			.query(Long.class)
			.single();
		audit.created(AUDIT_TYPE, id);
		return id;
	}

	@Transactional
	public void updateRule(long id, ScoringRuleCommand cmd) {
		ScoringRule current = rule(id);
		if (current.version() != cmd.version()) {
			throw new StaleEditException("ScoringRule", id, cmd.version(), current.version());
		}
		ScoringRuleCommand c = checked(cmd);
		jdbc.sql(
				"""
						update scoring_rules set kind = ?, label = ?, field = ?, operator = ?, value = ?, engagement = ?, points = ?,
						       active = ?, version = version + 1, updated_at = now()
						where id = ? and version = ?
						""")
			.params(c.kind().name(), c.label(), c.field() == null ? null : c.field().name(),
					c.operator() == null ? null : c.operator().name(), c.value(), c.engagement(), c.points(),
					c.active(), id, cmd.version())
			.update();
		Map<String, String> before = new HashMap<>();
		before.put("label", current.label());
		before.put("points", String.valueOf(current.points()));
		before.put("active", String.valueOf(current.active()));
		Map<String, String> after = new HashMap<>();
		after.put("label", c.label());
		after.put("points", String.valueOf(c.points()));
		after.put("active", String.valueOf(c.active()));
		audit.changed(AUDIT_TYPE, id, before, after);
	}

	@Transactional
	public void deleteRule(long id, long version) {
		ScoringRule current = rule(id);
		if (current.version() != version) {
			throw new StaleEditException("ScoringRule", id, version, current.version());
		}
		jdbc.sql("delete from scoring_rules where id = ?").param(id).update();
		audit.deleted(AUDIT_TYPE, id);
	}

	/**
	 * Checks a rule and returns it normalised (trimmed, the other kind's parts dropped).
	 */
	private static ScoringRuleCommand checked(ScoringRuleCommand c) {
		if (c.kind() == null) {
			throw new RuleViolationException("scoring.invalid.kind", "Choose a profile or an engagement rule.");
		}
		String label = c.label() == null ? "" : c.label().trim();
		if (label.isEmpty() || label.length() > 150) {
			throw new RuleViolationException("scoring.invalid.label",
					"A rule needs a label of at most 150 characters.");
		}
		if (c.points() < -1000 || c.points() > 1000 || c.points() == 0) {
			throw new RuleViolationException("scoring.invalid.points", "Points are between -1000 and 1000, and not 0.");
		}
		if (c.kind() == ScoringRule.Kind.ENGAGEMENT) {
			if (c.engagement() == null || !ENGAGEMENTS.contains(c.engagement())) {
				throw new RuleViolationException("scoring.invalid.engagement",
						"Choose the engagement the rule counts.");
			}
			return new ScoringRuleCommand(c.kind(), label, null, null, null, c.engagement(), c.points(), c.active(),
					c.version());
		}
		if (c.field() == null || c.operator() == null) {
			throw new RuleViolationException("scoring.invalid.field", "Choose the property and how it is compared.");
		}
		String value = c.value() == null ? "" : c.value().trim();
		if (value.isEmpty() || value.length() > 200) {
			throw new RuleViolationException("scoring.invalid.value",
					"Give the value to compare with (at most 200 characters).");
		}
		boolean numeric = c.field() == ScoringRule.Field.COMPANY_SIZE;
		if (numeric) {
			if (c.operator() == ScoringRule.Operator.CONTAINS) {
				throw new RuleViolationException("scoring.invalid.operator", "Company size is compared as a number.");
			}
			try {
				Integer.parseInt(value);
			}
			catch (NumberFormatException ex) {
				throw new RuleViolationException("scoring.invalid.number", "Company size is a whole number.");
			}
		}
		else if (c.operator() == ScoringRule.Operator.AT_LEAST) {
			throw new RuleViolationException("scoring.invalid.operator",
					"‘at least’ compares numbers: use it with company size.");
		}
		return new ScoringRuleCommand(c.kind(), label, c.field(), c.operator(), value, null, c.points(), c.active(),
				c.version());
	}

	// ---- scores
	// -----------------------------------------------------------------------------

	/** The highest scored leads first, a page at a time. */
	@Transactional(readOnly = true)
	public KeysetPage<LeadScore> leads(String cursor, int pageSize, Visibility visibility) {
		Keyset.Cursor c = Keyset.decode(cursor);
		boolean forward = c == null || c.forward();
		// The sales rule for leads: a manager sees their team's, a rep their own, others
		// all.
		SqlWhere where = visibility.restrict(new SqlWhere(), "owner_id");
		if (c != null) {
			where.and("(score, lead_id) " + (forward ? "<" : ">") + " (:afterScore, :afterId)")
				.param("afterScore", c.intValue())
				.param("afterId", c.id());
		}
		String dir = forward ? " desc" : " asc";
		List<LeadScore> rows = where
			.bind(jdbc.sql("select * from scored_leads" + where.sql() + " order by score" + dir + ", lead_id" + dir
					+ " limit :limit"))
			.param("limit", pageSize + 1)
			.query(ScoringService::leadScore)
			.list();
		return Keyset.page(rows, pageSize, c, r -> String.valueOf(r.score()), LeadScore::leadId, null);
	}

	/**
	 * A lead's score with the rules that fired; {@link NotFoundException} for a lead
	 * marketing never heard of, or one outside {@code visibility} (the sales rule for
	 * leads).
	 */
	@Transactional(readOnly = true)
	public LeadScore explain(long leadId, Visibility visibility) {
		SqlWhere where = visibility.restrict(new SqlWhere(), "owner_id").and("lead_id = :lead", "lead", leadId);
		return where.bind(jdbc.sql("select * from scored_leads" + where.sql()))
			.query(ScoringService::leadScore)
			.optional()
			.orElseThrow(() -> new NotFoundException("Lead score", leadId));
	}

	/** Sales gave a lead to someone else: whose it is decides who sees its score. */
	@Transactional
	void leadOwnerChanged(LeadOwnerChanged e) {
		jdbc.sql(
				"update scored_leads set owner_id = (select id from users where id = ?), updated_at = now() where lead_id = ?")
			.params(e.ownerId(), e.leadId())
			.update();
	}

	private static LeadScore leadScore(ResultSet rs, int n) throws SQLException {
		List<ScoreItem> items = new ArrayList<>();
		for (JsonNode i : JSON.readTree(rs.getString("explanation")).values()) {
			items.add(new ScoreItem(i.get("rule").asLong(), i.get("label").asString(), i.get("count").asInt(),
					i.get("points").asInt()));
		}
		return new LeadScore(rs.getLong("lead_id"), rs.getString("email"), rs.getString("company"), rs.getInt("score"),
				rs.getBoolean("mql"), instantOrNull(rs, "mql_at"), instantOrNull(rs, "scored_at"), items);
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
		if (!ENGAGEMENTS.contains(e.type().name())) {
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
		jdbc.sql("insert into engagements (email, contact_id, type, campaign_id, occurred_at) values (?, ?, ?, ?, ?)")
			.params(email, e.contactId(), e.type().name(), e.campaignId(), at.atOffset(ZoneOffset.UTC))
			.update();
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
		ScoringSettings settings = settings();
		Instant now = clock.instant();
		List<ScoreCalculator.Engagement> engagements = lead.email() == null ? List.of()
				: jdbc.sql("select type, occurred_at from engagements where email = ? order by occurred_at")
					.param(lead.email())
					.query((rs, n) -> new ScoreCalculator.Engagement(rs.getString(1), instantOrNull(rs, "occurred_at")))
					.list();
		List<ScoreItem> items = ScoreCalculator.items(new ScoreCalculator.Profile(lead.industry(), lead.title(),
				lead.country(), lead.companySize(), lead.source()), rules(), engagements, settings.halfLifeDays(), now);
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
			List<ScoreItem> items, Instant now) {
		if (ownerId == null || jdbc.sql("select count(*) from users where id = ? and enabled")
			.param(ownerId)
			.query(Long.class)
			.single() == 0) {
			return;
		}
		StringBuilder why = new StringBuilder("Score " + score + " reached the MQL threshold " + threshold + ":");
		items.forEach(i -> why.append("\n• ")
			.append(i.label())
			.append(i.count() > 1 ? " ×" + i.count() : "")
			.append(": ")
			.append(i.points()));
		tasks.create(new CreateTask("Follow up marketing-qualified lead " + (email == null ? "#" + leadId : email),
				why.toString(), now.plus(Duration.ofDays(1)), ownerId, null, contactId, "lead:" + leadId));
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
