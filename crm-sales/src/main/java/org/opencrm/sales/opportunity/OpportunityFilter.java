package org.opencrm.sales.opportunity;

import java.time.LocalDate;
import org.opencrm.sales.pipeline.StageKind;

/**
 * What the deal list and the board filter by; every field is optional. {@code closedFrom}
 * / {@code closedTo} (inclusive days in the application's time zone) select deals won or
 * lost on those days, whatever their expected close date said. {@code q} matches words of
 * the deal's or its account's name.
 */
public record OpportunityFilter(Long ownerId, Long teamId, Long pipelineId, Long stageId, StageKind status,
		LocalDate closeFrom, LocalDate closeTo, LocalDate closedFrom, LocalDate closedTo, String q) {

	public OpportunityFilter(Long ownerId, Long teamId, Long pipelineId, Long stageId, StageKind status,
			LocalDate closeFrom, LocalDate closeTo) {
		this(ownerId, teamId, pipelineId, stageId, status, closeFrom, closeTo, null, null, null);
	}

	public static OpportunityFilter none() {
		return new OpportunityFilter(null, null, null, null, null, null, null);
	}

	public boolean isFiltered() {
		return ownerId != null || teamId != null || stageId != null || status != null || closeFrom != null
				|| closeTo != null || closedFrom != null || closedTo != null || q != null && !q.isBlank();
	}
}
