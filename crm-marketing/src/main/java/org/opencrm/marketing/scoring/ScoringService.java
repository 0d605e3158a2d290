package org.opencrm.marketing.scoring;

import java.util.List;
import org.opencrm.core.audit.AuditTrail;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.StaleEditException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The scoring model marketers edit: the threshold and half-life, and the rules. A rule is
 * an aggregate ({@link Rule}: its condition and points, one write path through
 * {@link RuleRepository} that checks its version); this service keeps the audit trail.
 * Scoring leads is {@link LeadScoring}, the pages read {@link ScoringQueries}.
 */
@Service
public class ScoringService {

	/** Engagement types a rule may count; SENT is not an engagement of the person. */
	public static final List<String> ENGAGEMENTS = List.of("OPENED", "CLICKED", "FORM_SUBMITTED", "UNSUBSCRIBED",
			"BOUNCED");

	static final String AUDIT_TYPE = "scoring-rule";

	private final RuleRepository rules;

	private final ScoringQueries queries;

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	ScoringService(RuleRepository rules, ScoringQueries queries, JdbcClient jdbc, AuditTrail audit) {
		this.rules = rules;
		this.queries = queries;
		this.jdbc = jdbc;
		this.audit = audit;
	}

	/**
	 * The one settings row: a singleton, not a record people list or create, so it stays
	 * one conditional update.
	 */
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
			throw new StaleEditException("ScoringSettings", 1L, version, queries.settings().version());
		}
	}

	/**
	 * @throws RuleViolationException the rules of {@link Rule#change}
	 */
	@Transactional
	public long createRule(ScoringRuleCommand cmd) {
		long id = rules.saveAndFlush(new Rule(cmd)).getId();
		audit.created(AUDIT_TYPE, id);
		return id;
	}

	@Transactional
	public void updateRule(long id, ScoringRuleCommand cmd) {
		Rule rule = load(id);
		rule.checkVersion(cmd.version());
		var before = rule.snapshot();
		rule.change(cmd);
		audit.changed(AUDIT_TYPE, id, before, rule.snapshot());
		// Now, so a concurrent save fails here as a version conflict.
		rules.flush();
	}

	@Transactional
	public void deleteRule(long id, long version) {
		Rule rule = load(id);
		rule.checkVersion(version);
		rules.delete(rule);
		rules.flush();
		audit.deleted(AUDIT_TYPE, id);
	}

	private Rule load(long id) {
		return rules.findById(id).orElseThrow(() -> new NotFoundException("ScoringRule", id));
	}

}
