package org.opencrm.core.user;

import org.opencrm.core.shared.SqlWhere;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Who may own a customer, lead or deal, as the current user may hand it out: enabled
 * sales staff (reps and managers) within the user's scope — a rep themself, a manager
 * their team, everyone else any rep or manager. Agents, marketers and admins own no sales
 * records: such a record would sit in nobody's pipeline, and a record given outside the
 * user's scope would vanish from their view.
 */
public final class OwnerRule {

	private OwnerRule() {
	}

	/**
	 * The rule as a condition over {@code users u} (named parameters as
	 * {@link Visibility#restrict}).
	 */
	static SqlWhere where(Visibility visibility) {
		return visibility.restrict(new SqlWhere().and("u.enabled").and("u.role in ('SALES_REP', 'MANAGER')"), "u.id");
	}

	/**
	 * Whether {@code visibility}'s user may make {@code ownerId} an owner (one
	 * statement).
	 */
	public static boolean mayOwn(JdbcClient jdbc, Visibility visibility, long ownerId) {
		SqlWhere where = where(visibility).and("u.id = :owner", "owner", ownerId);
		return where.bind(jdbc.sql("select count(*) from users u" + where.sql())).query(Long.class).single() > 0;
	}

}
