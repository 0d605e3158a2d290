package org.opencrm.sales.lead;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.Rows;
import org.opencrm.core.shared.RuleViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who gets a new lead nobody assigned: the first active rule (in position order) whose
 * conditions all match — country, industry, source, compared ignoring case; an empty
 * condition matches anything — gives it to its user, or to the next member of its team in
 * turn. The turn pointer moves under a row lock, so leads created at the same time still
 * spread evenly. A rule is an aggregate ({@link AssignmentRule}, written through
 * {@link AssignmentRuleRepository}, which checks its version); the admin list reads SQL
 * rows.
 */
@Service
public class AssignmentRules {

	private final JdbcClient jdbc;

	private final AssignmentRuleRepository rules;

	private final EntityManager entityManager;

	AssignmentRules(JdbcClient jdbc, AssignmentRuleRepository rules, EntityManager entityManager) {
		this.jdbc = jdbc;
		this.rules = rules;
		this.entityManager = entityManager;
	}

	@Transactional(readOnly = true)
	public List<AssignmentRuleRow> list() {
		return jdbc
			.sql("""
					select r.id, r.name, r.position, r.active, r.match_country, r.match_industry, r.match_source,
					       r.assign_user_id, u.full_name as assign_user_name, r.assign_team_id, t.name as assign_team_name, r.version
					from lead_assignment_rules r
					left join users u on u.id = r.assign_user_id
					left join teams t on t.id = r.assign_team_id
					order by r.position, r.id
					""")
			.query(Rows.of(AssignmentRuleRow.class))
			.list();
	}

	/** A new rule, tried after the existing ones. */
	@Transactional
	public long create(AssignmentRuleCommand cmd) {
		validate(cmd);
		return rules.saveAndFlush(new AssignmentRule(cmd, rules.lastPosition() + 1)).getId();
	}

	/**
	 * @throws org.opencrm.core.shared.StaleEditException when {@code cmd.version()} is
	 * not the stored one
	 */
	@Transactional
	public void update(long id, AssignmentRuleCommand cmd) {
		validate(cmd);
		AssignmentRule rule = rules.findForChange(id).orElseThrow(() -> new NotFoundException("Rule", id));
		rule.checkVersion(cmd.version());
		if (!rule.change(cmd)) {
			// Saving is a change even when every field stays: the same copy saved again
			// conflicts.
			entityManager.lock(rule, LockModeType.PESSIMISTIC_FORCE_INCREMENT);
		}
		rules.flush();
	}

	@Transactional
	public void delete(long id) {
		rules.delete(rules.findById(id).orElseThrow(() -> new NotFoundException("Rule", id)));
		rules.flush();
	}

	/** Swaps a rule with its neighbour ({@code up} = earlier, so tried sooner). */
	@Transactional
	public void move(long id, boolean up) {
		List<AssignmentRule> all = rules.findAllByOrderByPositionAscIdAsc();
		int i = all.indexOf(all.stream()
			.filter(r -> r.getId() == id)
			.findFirst()
			.orElseThrow(() -> new NotFoundException("Rule", id)));
		int j = up ? i - 1 : i + 1;
		if (j < 0 || j >= all.size()) {
			return;
		}
		// Renumber all so equal positions can't make the swap a no-op; only the rules
		// whose place changed are written.
		for (int k = 0; k < all.size(); k++) {
			all.get(k).moveTo(k == i ? j + 1 : k == j ? i + 1 : k + 1);
		}
		rules.flush();
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
		List<Candidate> candidates = jdbc.sql("""
				select id, match_country, match_industry, match_source, assign_user_id, assign_team_id
				from lead_assignment_rules where active order by position, id
				""").query(Rows.of(Candidate.class)).list();
		for (Candidate r : candidates) {
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
		long last = rules.lockTurn(ruleId).orElse(0L);
		String members = "select id from users where team_id = :team and enabled and role in ('SALES_REP', 'MANAGER')";
		Optional<Long> next = jdbc.sql(members + " and id > :last order by id limit 1")
			.param("team", teamId)
			.param("last", last)
			.query(Long.class)
			.optional()
			.or(() -> jdbc.sql(members + " order by id limit 1").param("team", teamId).query(Long.class).optional());
		next.ifPresent(user -> rules.takeTurn(ruleId, user));
		return next;
	}

	/**
	 * An empty condition matches anything; else one of its comma-separated values
	 * ("Germany, Austria, Switzerland"), case ignored.
	 */
	static boolean matches(String condition, String value) {
		if (condition == null || condition.isBlank()) {
			return true;
		}
		return value != null && Arrays.stream(condition.split(","))
			.map(String::trim)
			.anyMatch(one -> !one.isEmpty() && one.equalsIgnoreCase(value.trim()));
	}

	/**
	 * The rule's own rules, then whether its user or team exists.
	 * @throws RuleViolationException {@code leadRule.name.invalid},
	 * {@code leadRule.target.invalid}, {@code leadRule.user}, {@code leadRule.team}
	 */
	private void validate(AssignmentRuleCommand cmd) {
		AssignmentRule.requireValid(cmd);
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

}
