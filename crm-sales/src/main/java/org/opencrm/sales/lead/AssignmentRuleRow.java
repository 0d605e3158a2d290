package org.opencrm.sales.lead;

/** A lead assignment rule as the admin page shows it. */
public record AssignmentRuleRow(long id, String name, int position, boolean active, String matchCountry,
		String matchIndustry, String matchSource, Long assignUserId, String assignUserName, Long assignTeamId,
		String assignTeamName, long version) {
}
