package org.opencrm.sales.lead;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.opencrm.core.shared.BaseEntity;
import org.opencrm.core.shared.RuleViolationException;

/**
 * A rule giving new unowned leads to one user, or round-robin to a team's members, when
 * its conditions (country, industry, source; empty matches anything, several values
 * separated by commas match any of them) match. Its rules (a name, exactly one target)
 * hold on every change; whether the user or team exists stays with the service.
 *
 * <p>
 * Whose turn it is in the team ({@code lastAssignedUserId}) moves with every lead
 * assigned, through {@link AssignmentRuleRepository#takeTurn} alone, so it never makes
 * the admin's open form stale; changing the team starts the turns afresh.
 */
@Entity
@Table(name = "lead_assignment_rules")
class AssignmentRule extends BaseEntity {

	static final int MAX_CONDITION = 500;

	private String name;

	private int position;

	private boolean active;

	private String matchCountry;

	private String matchIndustry;

	private String matchSource;

	private Long assignUserId;

	private Long assignTeamId;

	private Long lastAssignedUserId;

	protected AssignmentRule() {
	}

	/** A new rule, tried after the rules at {@code position}s before it. */
	AssignmentRule(AssignmentRuleCommand cmd, int position) {
		change(cmd);
		this.position = position;
	}

	/**
	 * @return whether any field differs from before
	 * @throws RuleViolationException {@code leadRule.name.invalid},
	 * {@code leadRule.target.invalid}
	 */
	boolean change(AssignmentRuleCommand cmd) {
		requireValid(cmd);
		List<Object> before = editable();
		if (!Objects.equals(assignTeamId, cmd.assignTeamId())) {
			lastAssignedUserId = null;
		}
		this.name = cmd.name().trim();
		this.active = cmd.active();
		this.matchCountry = values(cmd.matchCountry());
		this.matchIndustry = values(cmd.matchIndustry());
		this.matchSource = values(cmd.matchSource());
		this.assignUserId = cmd.assignUserId();
		this.assignTeamId = cmd.assignTeamId();
		return !before.equals(editable());
	}

	private List<Object> editable() {
		return Arrays.asList(name, active, matchCountry, matchIndustry, matchSource, assignUserId, assignTeamId);
	}

	/** Where the rule is tried (1 first); an unchanged place leaves the rule as it is. */
	void moveTo(int position) {
		this.position = position;
	}

	static void requireValid(AssignmentRuleCommand cmd) {
		if (cmd.name() == null || cmd.name().isBlank() || cmd.name().trim().length() > 100) {
			throw new RuleViolationException("leadRule.name.invalid", "A rule needs a name of at most 100 characters.");
		}
		for (String condition : Arrays.asList(cmd.matchCountry(), cmd.matchIndustry(), cmd.matchSource())) {
			String v = values(condition);
			if (v != null && v.length() > MAX_CONDITION) {
				throw new RuleViolationException("leadRule.condition.tooLong",
						"A condition holds at most " + MAX_CONDITION + " characters.", MAX_CONDITION);
			}
		}
		if ((cmd.assignUserId() == null) == (cmd.assignTeamId() == null)) {
			throw new RuleViolationException("leadRule.target.invalid",
					"Assign either to one user or round-robin in one team.");
		}
	}

	/**
	 * A condition as stored: its comma-separated values trimmed, empty ones dropped,
	 * joined by ", "; null when none.
	 */
	static String values(String typed) {
		if (typed == null) {
			return null;
		}
		String joined = Arrays.stream(typed.split(","))
			.map(String::trim)
			.filter(v -> !v.isEmpty())
			.distinct()
			.collect(Collectors.joining(", "));
		return joined.isEmpty() ? null : joined;
	}

}
