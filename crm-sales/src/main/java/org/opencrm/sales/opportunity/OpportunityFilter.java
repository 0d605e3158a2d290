package org.opencrm.sales.opportunity;

import java.time.LocalDate;
import org.opencrm.sales.pipeline.StageKind;

/** What the deal list and the board filter by; every field is optional. */
public record OpportunityFilter(Long ownerId, Long teamId, Long pipelineId, Long stageId, StageKind status,
		LocalDate closeFrom, LocalDate closeTo) {

	public static OpportunityFilter none() {
		return new OpportunityFilter(null, null, null, null, null, null, null);
	}

	public boolean isFiltered() {
		return ownerId != null || teamId != null || stageId != null || status != null || closeFrom != null
				|| closeTo != null;
	}
}
