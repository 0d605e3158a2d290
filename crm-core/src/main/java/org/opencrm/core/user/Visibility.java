package org.opencrm.core.user;

import org.opencrm.core.shared.SqlWhere;

/**
 * Which owned records (leads, opportunities, quotas, forecasts) a user may see and
 * change: a sales rep their own, a manager their team's (their own included), everyone
 * else all of them — admins manage, support agents and marketers work across every
 * customer. A record outside the scope is answered as "not found" so its existence
 * doesn't leak.
 *
 * @param scope ALL, TEAM or OWN
 * @param userId the user
 * @param teamId the user's team (null when they have none: a manager without a team sees
 * their own)
 */
public record Visibility(Scope scope, long userId, Long teamId) {

	public enum Scope {

		ALL, TEAM, OWN

	}

	public static Visibility of(CrmUser user) {
		Scope scope = switch (user.role()) {
			case SALES_REP -> Scope.OWN;
			case MANAGER -> user.teamId() == null ? Scope.OWN : Scope.TEAM;
			case CUSTOMER -> throw new IllegalArgumentException("customers own no CRM records");
			default -> Scope.ALL;
		};
		return new Visibility(scope, user.id(), user.teamId());
	}

	/** Sees everything; for system jobs and tests. */
	public static Visibility all() {
		return new Visibility(Scope.ALL, 0, null);
	}

	/**
	 * Narrows a query to the records this user may see, by their {@code ownerColumn},
	 * with named parameters {@code visUser} / {@code visTeam}. Records without owner are
	 * visible to ALL only.
	 */
	public SqlWhere restrict(SqlWhere where, String ownerColumn) {
		return switch (scope) {
			case ALL -> where;
			case OWN -> where.and(ownerColumn + " = :visUser", "visUser", userId);
			case TEAM -> where
				.and("(" + ownerColumn + " = :visUser or " + ownerColumn
						+ " in (select vu.id from users vu where vu.team_id = :visTeam))", "visUser", userId)
				.param("visTeam", teamId);
		};
	}

	/** The same rule in Java, given a record's owner and that owner's team. */
	public boolean canSee(Long ownerId, Long ownerTeamId) {
		return switch (scope) {
			case ALL -> true;
			case OWN -> ownerId != null && ownerId == userId;
			case TEAM -> ownerId != null && (ownerId == userId || teamId.equals(ownerTeamId));
		};
	}
}
