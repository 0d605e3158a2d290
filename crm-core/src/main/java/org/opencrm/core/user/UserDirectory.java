package org.opencrm.core.user;

import java.util.List;
import org.opencrm.core.shared.Rows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Users and teams as lists show them: the admin pages and the owner pick-lists. */
@Service
public class UserDirectory {

	private final JdbcClient jdbc;

	UserDirectory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional(readOnly = true)
	public List<UserSummary> listUsers() {
		return jdbc.sql(UserService.USER_SELECT + " order by lower(u.full_name), u.id")
			.query(Rows.of(UserSummary.class))
			.list();
	}

	/** Enabled staff who can own accounts, contacts and tasks. */
	@Transactional(readOnly = true)
	public List<UserSummary> assignableUsers() {
		return jdbc
			.sql(UserService.USER_SELECT
					+ " where u.enabled and u.role <> 'CUSTOMER' order by lower(u.full_name), u.id")
			.query(Rows.of(UserSummary.class))
			.list();
	}

	/**
	 * The users {@code visibility}'s user may make owner of a customer, lead or deal
	 * ({@link OwnerRule}): the owner pick-lists.
	 */
	@Transactional(readOnly = true)
	public List<UserSummary> ownerChoices(Visibility visibility) {
		var where = OwnerRule.where(visibility);
		return where.bind(jdbc.sql(UserService.USER_SELECT + where.sql() + " order by lower(u.full_name), u.id"))
			.query(Rows.of(UserSummary.class))
			.list();
	}

	@Transactional(readOnly = true)
	public List<TeamSummary> listTeams() {
		return jdbc.sql("""
				select t.id, t.name, (select count(*) from users u where u.team_id = t.id) as members, t.version
				from teams t order by lower(t.name)
				""").query(Rows.of(TeamSummary.class)).list();
	}

}
