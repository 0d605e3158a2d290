package org.opencrm.sales.lead;

import java.util.List;
import java.util.Optional;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.StaleEditException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who gets a new lead nobody assigned: the first active rule (in position order) whose
 * conditions all match — country, industry, source, compared ignoring case; an empty
 * condition matches anything — gives it to its user, or to the next member of its team in
 * turn. The turn pointer moves under a row lock, so leads created at the same time still
 * spread evenly.
 */
@Service
public class AssignmentRules {

	private final JdbcClient jdbc;

	AssignmentRules(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional(readOnly = true)
	public List<AssignmentRule> list() {
		return jdbc
			.sql("""
					select r.id, r.name, r.position, r.active, r.match_country, r.match_industry, r.match_source,
					       r.assign_user_id, u.full_name as assign_user_name, r.assign_team_id, t.name as assign_team_name, r.version
					from lead_assignment_rules r
					left join users u on u.id = r.assign_user_id
					left join teams t on t.id = r.assign_team_id
					order by r.position, r.id
					""")
			.query(AssignmentRule.class)
			.list();
	}

	@Transactional(readOnly = true)
	public AssignmentRule get(long id) {
		return list().stream()
			.filter(r -> r.id() == id)
			.findFirst()
			.orElseThrow(() -> new NotFoundException("Rule", id));
	}

	@Transactional
	public long create(AssignmentRuleCommand cmd) {
		validate(cmd);
		return jdbc.sql("""
				insert into lead_assignment_rules (name, position, active, match_country, match_industry, match_source,
				                                   assign_user_id, assign_team_id)
				values (:name, (select coalesce(max(position), 0) + 1 from lead_assignment_rules), :active, :country,
				        :industry, :source, :user, :team)
				returning id
				""")
			.param("name", cmd.name().trim())
			.param("active", cmd.active())
			.param("country", blankToNull(cmd.matchCountry()))
			.param("industry", blankToNull(cmd.matchIndustry()))
			.param("source", blankToNull(cmd.matchSource()))
			.param("user", cmd.assignUserId())
			.param("team", cmd.assignTeamId())
			.query(Long.class)
			.single();
	}

	@Transactional
	public void update(long id, AssignmentRuleCommand cmd) {
		validate(cmd);
		int n = jdbc
			.sql("""
					update lead_assignment_rules set name = :name, active = :active, match_country = :country,
					  match_industry = :industry, match_source = :source, assign_user_id = :user, assign_team_id = :team,
					  last_assigned_user_id = case when assign_team_id is distinct from :team then null else last_assigned_user_id end,
					  version = version + 1, updated_at = now()
					where id = :id and version = :version
					""")
			.param("name", cmd.name().trim())
			.param("active", cmd.active())
			.param("country", blankToNull(cmd.matchCountry()))
			.param("industry", blankToNull(cmd.matchIndustry()))
			.param("source", blankToNull(cmd.matchSource()))
			.param("user", cmd.assignUserId())
			.param("team", cmd.assignTeamId())
			.param("id", id)
			.param("version", cmd.version())
			.update();
		if (n == 0) {
			AssignmentRule current = get(id);
			throw new StaleEditException("Rule", id, cmd.version(), current.version());
		}
	}

	@Transactional
	public void delete(long id) {
		if (jdbc.sql("delete from lead_assignment_rules where id = ?").param(id).update() == 0) {
			throw new NotFoundException("Rule", id);
		}
	}

	/** Swaps a rule with its neighbour ({@code up} = earlier, so tried sooner). */
	@Transactional
	public void move(long id, boolean up) {
		List<AssignmentRule> rules = list();
		int i = rules.indexOf(rules.stream()
			.filter(r -> r.id() == id)
			.findFirst()
			.orElseThrow(() -> new NotFoundException("Rule", id)));
		int j = up ? i - 1 : i + 1;
		if (j < 0 || j >= rules.size()) {
			return;
		}
		// Renumber all so equal positions can't make the swap a no-op.
		for (int k = 0; k < rules.size(); k++) {
			int pos = k == i ? j + 1 : k == j ? i + 1 : k + 1;
			jdbc.sql("update lead_assignment_rules set position = ?, updated_at = now() where id = ?")
				.params(pos, rules.get(k).id())
				.update();
		}
	}

	/**
	 * The owner the rules give a new lead, in the caller's transaction; empty when no
	 * rule matches (or the matching rule's team has nobody to take it).
	 */
	@Transactional
	public Optional<Long> assign(String country, String industry, String source) {
		record Candidate(long id, String matchCountry, String matchIndustry, String matchSource, Long assignUserId,
				Long assignTeamId) {
		}
		List<Candidate> rules = jdbc.sql("""
				select id, match_country, match_industry, match_source, assign_user_id, assign_team_id
				from lead_assignment_rules where active order by position, id
				""").query(Candidate.class).list();
		for (Candidate r : rules) {
			if (!matches(r.matchCountry(), country) || !matches(r.matchIndustry(), industry)
					|| !matches(r.matchSource(), source)) {
				continue;
			}
			if (r.assignUserId() != null) {
				return Optional.of(r.assignUserId());
			}
			Optional<Long> next = nextInTeam(r.id(), r.assignTeamId());
			if (next.isPresent()) {
				return next;
			}
		}
		return Optional.empty();
	}

	private Optional<Long> nextInTeam(long ruleId, long teamId) {
		// The lock makes concurrent creations take turns: each reads the pointer the
		// previous one wrote.
		Long last = jdbc.sql("select last_assigned_user_id from lead_assignment_rules where id = ? for update")
			.param(ruleId)
			.query((rs, n) -> new Long[] { rs.getObject(1, Long.class) })
			.single()[0];
		String members = "select id from users where team_id = :team and enabled and role in ('SALES_REP', 'MANAGER')";
		Optional<Long> next = jdbc.sql(members + " and id > :last order by id limit 1")
			.param("team", teamId)
			.param("last", last == null ? 0L : last)
			.query(Long.class)
			.optional()
			.or(() -> jdbc.sql(members + " order by id limit 1").param("team", teamId).query(Long.class).optional());
		next.ifPresent(user -> jdbc.sql("update lead_assignment_rules set last_assigned_user_id = ? where id = ?")
			.params(user, ruleId)
			.update());
		return next;
	}

	private static boolean matches(String condition, String value) {
		return condition == null || condition.isBlank()
				|| value != null && condition.trim().equalsIgnoreCase(value.trim());
	}

	private void validate(AssignmentRuleCommand cmd) {
		if (cmd.name() == null || cmd.name().isBlank() || cmd.name().trim().length() > 100) {
			throw new RuleViolationException("leadRule.name.invalid", "A rule needs a name of at most 100 characters.");
		}
		if ((cmd.assignUserId() == null) == (cmd.assignTeamId() == null)) {
			throw new RuleViolationException("leadRule.target.invalid",
					"Assign either to one user or round-robin in one team.");
		}
		if (cmd.assignUserId() != null && jdbc.sql("select count(*) from users where id = ? and enabled")
			.param(cmd.assignUserId())
			.query(Long.class)
			.single() == 0) {
			throw new RuleViolationException("leadRule.user", "There is no such user.");
		}
		if (cmd.assignTeamId() != null && jdbc.sql("select count(*) from teams where id = ?")
			.param(cmd.assignTeamId())
			.query(Long.class)
			.single() == 0) {
			throw new RuleViolationException("leadRule.team", "There is no such team.");
		}
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.trim();
	}

}
