package org.opencrm.sales.lead;

/**
 * A rule's editable fields: conditions (null matches anything) and either one user or a
 * team to round-robin in.
 */
public record AssignmentRuleCommand(String name, boolean active, String matchCountry, String matchIndustry,
		String matchSource, Long assignUserId, Long assignTeamId, long version) {
}
