package org.opencrm.sales.lead;

/** What the lead list filters by; every field optional. */
public record LeadFilter(String q, LeadStatus status, Long ownerId, String source) {

	public boolean isFiltered() {
		return q != null && !q.isBlank() || status != null || ownerId != null || source != null && !source.isBlank();
	}
}
