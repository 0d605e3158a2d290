package org.opencrm.sales.opportunity;

import java.time.ZoneId;
import org.opencrm.core.shared.Like;
import org.opencrm.core.shared.SqlWhere;
import org.opencrm.core.user.Visibility;
import org.opencrm.sales.shared.Scopes;

/** The deal list's and the board's filter as conditions on {@code opportunities o}. */
final class OpportunityConditions {

	private OpportunityConditions() {
	}

	/** {@code closedFrom} / {@code closedTo} are whole days in {@code zone}. */
	static SqlWhere where(OpportunityFilter filter, Visibility visibility, ZoneId zone) {
		SqlWhere where = owners(filter, visibility, "o.owner_id");
		if (filter.pipelineId() != null) {
			where.and("o.pipeline_id = :pipelineFilter", "pipelineFilter", filter.pipelineId());
		}
		if (filter.stageId() != null) {
			where.and("o.stage_id = :stageFilter", "stageFilter", filter.stageId());
		}
		if (filter.status() != null) {
			where.and("o.status = :status", "status", filter.status().name());
		}
		if (filter.q() != null && !filter.q().isBlank()) {
			// Both served by trigram indexes (opportunities_name_trgm_idx,
			// accounts_name_trgm_idx).
			where.and("(o.name ilike :dealText or o.account_id in (select da.id from accounts da"
					+ " where da.sort_name ilike :dealText))", "dealText", Like.containing(filter.q().strip()));
		}
		if (filter.closeFrom() != null) {
			where.and("o.close_date >= :closeFrom", "closeFrom", filter.closeFrom());
		}
		if (filter.closeTo() != null) {
			where.and("o.close_date <= :closeTo", "closeTo", filter.closeTo());
		}
		if (filter.closedFrom() != null) {
			where.and("o.closed_at >= :closedFrom", "closedFrom",
					java.sql.Timestamp.from(filter.closedFrom().atStartOfDay(zone).toInstant()));
		}
		if (filter.closedTo() != null) {
			where.and("o.closed_at < :closedTo", "closedTo",
					java.sql.Timestamp.from(filter.closedTo().plusDays(1).atStartOfDay(zone).toInstant()));
		}
		return where;
	}

	/**
	 * Only the owner conditions (visibility, owner, team) on {@code ownerColumn}: the
	 * board asks them of its kept sums too.
	 */
	static SqlWhere owners(OpportunityFilter filter, Visibility visibility, String ownerColumn) {
		SqlWhere where = new SqlWhere();
		Scopes.restrict(where, visibility, ownerColumn);
		if (filter.ownerId() != null) {
			where.and(ownerColumn + " = :owner", "owner", filter.ownerId());
		}
		if (filter.teamId() != null) {
			where.and(ownerColumn + " in (select tu.id from users tu where tu.team_id = :team)", "team",
					filter.teamId());
		}
		return where;
	}

}
