package org.opencrm.marketing.scoring;

import static org.opencrm.core.shared.Rows.instantOrNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.opencrm.core.shared.Keyset;
import org.opencrm.core.shared.KeysetPage;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.Rows;
import org.opencrm.core.shared.SqlWhere;
import org.opencrm.core.user.Visibility;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the scoring pages (and the scoring job) read: the model, the rules, and the leads
 * by score with why.
 */
@Service
public class ScoringQueries {

	private static final JsonMapper JSON = JsonMapper.shared();

	private final JdbcClient jdbc;

	ScoringQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional(readOnly = true)
	public ScoringSettings settings() {
		return jdbc.sql("select mql_threshold, half_life_days, version from scoring_settings where id = 1")
			.query(Rows.of(ScoringSettings.class))
			.single();
	}

	@Transactional(readOnly = true)
	public List<ScoringRule> rules() {
		return jdbc.sql("select * from scoring_rules order by kind desc, id").query(ScoringQueries::rule).list();
	}

	@Transactional(readOnly = true)
	public ScoringRule rule(long id) {
		return jdbc.sql("select * from scoring_rules where id = ?")
			.param(id)
			.query(ScoringQueries::rule)
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
			.query(ScoringQueries::leadScore)
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
			.query(ScoringQueries::leadScore)
			.optional()
			.orElseThrow(() -> new NotFoundException("Lead score", leadId));
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

}
