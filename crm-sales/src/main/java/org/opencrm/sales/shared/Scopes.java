package org.opencrm.sales.shared;

import org.opencrm.core.report.ReportFilter;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.SqlWhere;
import org.opencrm.core.user.OwnerRule;
import org.opencrm.core.user.Visibility;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Applies a user's {@link Visibility} to sales' owned records (leads, opportunities,
 * quotas, forecasts): as a condition for list and report queries, and as a check for one
 * record (outside the scope is "not found", so a record's existence doesn't leak).
 */
public final class Scopes {

	private Scopes() {
	}

	/** Adds the visibility condition on {@code ownerColumn} to a list query. */
	public static SqlWhere restrict(SqlWhere where, Visibility visibility, String ownerColumn) {
		return visibility.restrict(where, ownerColumn);
	}

	/**
	 * The visibility condition plus a report page's team / rep filter.
	 * @param teamId only owners in this team (null: any)
	 * @param userId only this owner (null: any)
	 */
	public static SqlWhere restrict(SqlWhere where, Visibility visibility, String ownerColumn, Long teamId,
			Long userId) {
		return ReportFilter.byOwner(visibility.restrict(where, ownerColumn), ownerColumn, teamId, userId);
	}

	/**
	 * The owners whose records the user may see, as a {@code bigint[]} over the named
	 * parameters {@code visUser}/{@code visTeam} (bind them with {@link #restrict} in the
	 * same statement), or null when the user sees every record: for tables keyed by owner
	 * (the search's {@code deal_search_words}), read one range per owner.
	 */
	public static String ownerKeys(Visibility visibility) {
		return switch (visibility.scope()) {
			case ALL -> null;
			case OWN -> "array[cast(:visUser as bigint)]";
			case TEAM -> "array(select cast(:visUser as bigint) union select vu.id from users vu"
					+ " where vu.team_id = :visTeam)";
		};
	}

	/** Throws NotFound unless the user may see a record owned by {@code ownerId}. */
	public static void requireVisible(JdbcClient jdbc, Visibility visibility, Long ownerId, String entity, long id) {
		if (visibility.scope() == Visibility.Scope.ALL) {
			return;
		}
		Long ownerTeam = ownerId == null ? null
				: jdbc.sql("select team_id from users where id = ?")
					.param(ownerId)
					.query((rs, n) -> new Long[] { rs.getObject(1, Long.class) })
					.optional()
					.map(a -> a[0])
					.orElse(null);
		if (!visibility.canSee(ownerId, ownerTeam)) {
			throw new NotFoundException(entity, id);
		}
	}

	/**
	 * Whether the user may give a record to {@code ownerId}: a rep only to themself, a
	 * manager within their team, everyone else to any rep or manager ({@link OwnerRule}).
	 * Else the record would vanish from their view, or land with someone who works no
	 * pipeline.
	 */
	public static void requireAssignable(JdbcClient jdbc, Visibility visibility, Long ownerId) {
		if (ownerId == null || !OwnerRule.mayOwn(jdbc, visibility, ownerId)) {
			throw org.opencrm.core.shared.RuleViolationException.onField("ownerId", "sales.owner.notAllowed",
					"You can only assign records to yourself or your team.");
		}
	}

}
