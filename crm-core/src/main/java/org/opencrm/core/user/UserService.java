package org.opencrm.core.user;

import java.util.List;
import java.util.Map;
import org.opencrm.core.audit.AuditTrail;
import org.opencrm.core.event.UserAccessChanged;
import org.opencrm.core.shared.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Users and teams: the admin pages, the owner pick-lists and the login look-up. */
@Service
public class UserService implements UserDetailsService {

	static final String AUDIT_TYPE = "user";

	private static final String USER_SELECT = """
			select u.id, u.username, u.full_name, u.email, u.role, u.team_id, t.name as team_name, u.enabled, u.version
			from users u left join teams t on t.id = u.team_id
			""";

	private final UserRepository users;

	private final TeamRepository teams;

	private final PasswordEncoder passwordEncoder;

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	private final PasswordPolicy passwordPolicy;

	private final ApplicationEventPublisher events;

	UserService(UserRepository users, TeamRepository teams, PasswordEncoder passwordEncoder, JdbcClient jdbc,
			AuditTrail audit, PasswordPolicy passwordPolicy, ApplicationEventPublisher events) {
		this.users = users;
		this.teams = teams;
		this.passwordEncoder = passwordEncoder;
		this.jdbc = jdbc;
		this.audit = audit;
		this.passwordPolicy = passwordPolicy;
		this.events = events;
	}

	@Override
	@Transactional(readOnly = true)
	public CrmUser loadUserByUsername(String username) {
		User user = users.findByUsername(username).orElseThrow(() -> new UsernameNotFoundException(username));
		return new CrmUser(user.getId(), user.getUsername(), user.getFullName(), user.getRole(),
				user.getTeam() == null ? null : user.getTeam().getId(), user.getPasswordHash(), user.isEnabled());
	}

	@Transactional(readOnly = true)
	public List<UserSummary> listUsers() {
		return jdbc.sql(USER_SELECT + " order by lower(u.full_name), u.id").query(UserSummary.class).list();
	}

	/** Enabled staff who can own accounts, contacts and tasks. */
	@Transactional(readOnly = true)
	public List<UserSummary> assignableUsers() {
		return jdbc.sql(USER_SELECT + " where u.enabled and u.role <> 'CUSTOMER' order by lower(u.full_name), u.id")
			.query(UserSummary.class)
			.list();
	}

	/**
	 * The users {@code visibility}'s user may make owner of a customer, lead or deal
	 * ({@link OwnerRule}): the owner pick-lists.
	 */
	@Transactional(readOnly = true)
	public List<UserSummary> ownerChoices(Visibility visibility) {
		var where = OwnerRule.where(visibility);
		return where.bind(jdbc.sql(USER_SELECT + where.sql() + " order by lower(u.full_name), u.id"))
			.query(UserSummary.class)
			.list();
	}

	@Transactional(readOnly = true)
	public UserSummary getUser(long id) {
		return jdbc.sql(USER_SELECT + " where u.id = ?")
			.param(id)
			.query(UserSummary.class)
			.optional()
			.orElseThrow(() -> new NotFoundException("User", id));
	}

	@Transactional
	public long createUser(UserCommand cmd) {
		if (users.existsByUsernameIgnoreCase(cmd.username())) {
			throw new DuplicateNameException("username", cmd.username());
		}
		if (cmd.password() == null || cmd.password().isBlank()) {
			throw new IllegalArgumentException("A new user needs a password");
		}
		passwordPolicy.check(cmd.username(), cmd.password());
		User user = new User(cmd.username().trim(), cmd.fullName().trim(), blankToNull(cmd.email()),
				passwordEncoder.encode(cmd.password()), cmd.role(), team(cmd.teamId()));
		long id = users.save(user).getId();
		audit.created(AUDIT_TYPE, id);
		SecurityLog.info("user.created")
			.addKeyValue("actor", SecurityLog.actor())
			.addKeyValue("userId", id)
			.addKeyValue("username", user.getUsername())
			.addKeyValue("role", cmd.role())
			.addKeyValue("teamId", cmd.teamId())
			.addKeyValue("enabled", cmd.enabled())
			.log();
		return id;
	}

	@Transactional
	public void updateUser(long id, UserCommand cmd) {
		User user = users.findById(id).orElseThrow(() -> new NotFoundException("User", id));
		user.checkVersion(cmd.version());
		boolean newPassword = cmd.password() != null && !cmd.password().isBlank();
		if (newPassword) {
			passwordPolicy.check(user.getUsername(), cmd.password());
		}
		var before = user.snapshot();
		user.update(cmd.fullName().trim(), blankToNull(cmd.email()), cmd.role(), team(cmd.teamId()), cmd.enabled());
		if (newPassword) {
			user.changePassword(passwordEncoder.encode(cmd.password()));
			// The fact of a new password is history; its value never is.
			audit.changed(AUDIT_TYPE, id, Map.of("password", "(set)"), Map.of("password", "(changed)"));
		}
		// Role and sign-in changes are security-relevant: they go on the record like any
		// field.
		var after = user.snapshot();
		audit.changed(AUDIT_TYPE, id, before, after);
		users.flush();
		logChanges(id, user.getUsername(), before, after, newPassword);
		if (newPassword || endsAccess(before, after)) {
			events.publishEvent(new UserAccessChanged(id, user.getUsername()));
		}
	}

	/**
	 * Disabled, or a new role or team: a signed-in user carries their role and team in
	 * the session, so what they were allowed before must end with it.
	 */
	private static boolean endsAccess(Map<String, String> before, Map<String, String> after) {
		return "false".equals(after.get("enabled")) || !java.util.Objects.equals(before.get("role"), after.get("role"))
				|| !java.util.Objects.equals(before.get("teamId"), after.get("teamId"));
	}

	/**
	 * Creates a portal customer (role CUSTOMER) linked to their contact; a contact has at
	 * most one portal user. Password rules are the caller's (the portal's registration
	 * checks them). A customer created disabled signs in after {@link #enableCustomer}.
	 */
	@Transactional
	public long createCustomer(String username, String fullName, String email, String password, long contactId,
			boolean enabled) {
		if (users.existsByUsernameIgnoreCase(username.trim())) {
			throw new DuplicateNameException("username", username);
		}
		if (jdbc.sql("select count(*) from users where contact_id = ?")
			.param(contactId)
			.query(Long.class)
			.single() > 0) {
			throw new org.opencrm.core.shared.RuleViolationException("user.contact.taken",
					"This person already has a portal account.");
		}
		passwordPolicy.check(username, password);
		User user = new User(username.trim(), fullName.trim(), blankToNull(email), passwordEncoder.encode(password),
				Role.CUSTOMER, null);
		user.becomePortalLoginOf(contactId, enabled);
		users.saveAndFlush(user);
		audit.created(AUDIT_TYPE, user.getId());
		SecurityLog.info("user.registered")
			.addKeyValue("userId", user.getId())
			.addKeyValue("username", user.getUsername())
			.addKeyValue("role", Role.CUSTOMER)
			.log();
		return user.getId();
	}

	/** Lets a portal customer sign in (they confirmed their e-mail address). */
	@Transactional
	public void enableCustomer(long userId) {
		jdbc.sql(
				"update users set enabled = true, updated_at = now(), version = version + 1 where id = ? and role = 'CUSTOMER'")
			.param(userId)
			.update();
		audit.changed(AUDIT_TYPE, userId, Map.of("enabled", "false"), Map.of("enabled", "true"));
		SecurityLog.info("user.enabled").addKeyValue("userId", userId).addKeyValue("reason", "address confirmed").log();
	}

	/**
	 * A signed-in user changes their own password: the current one is required, the new
	 * one follows {@link PasswordPolicy}.
	 * @throws org.opencrm.core.shared.RuleViolationException
	 * {@code password.current.wrong} or a {@link WeakPasswordException}
	 */
	@Transactional
	public void changeOwnPassword(long userId, String currentPassword, String newPassword) {
		User user = users.findById(userId).orElseThrow(() -> new NotFoundException("User", userId));
		if (currentPassword == null || !passwordEncoder.matches(currentPassword, user.getPasswordHash())) {
			SecurityLog.warn("password.change.refused")
				.addKeyValue("userId", userId)
				.addKeyValue("username", user.getUsername())
				.addKeyValue("reason", "wrong current password")
				.log();
			throw new org.opencrm.core.shared.RuleViolationException("password.current.wrong",
					"The current password is not right.");
		}
		setPassword(user, newPassword, "password.changed");
	}

	/**
	 * Sets a new password after the user proved themselves otherwise (the reset link).
	 */
	@Transactional
	void resetPassword(User user, String newPassword) {
		setPassword(user, newPassword, "password.reset");
	}

	private void setPassword(User user, String newPassword, String event) {
		passwordPolicy.check(user.getUsername(), newPassword);
		user.changePassword(passwordEncoder.encode(newPassword));
		users.flush();
		audit.changed(AUDIT_TYPE, user.getId(), Map.of("password", "(set)"), Map.of("password", "(changed)"));
		SecurityLog.info(event).addKeyValue("userId", user.getId()).addKeyValue("username", user.getUsername()).log();
	}

	/** One event per kind of change; what changed, never a password. */
	private void logChanges(long id, String username, Map<String, String> before, Map<String, String> after,
			boolean newPassword) {
		Map<String, String> changed = new java.util.LinkedHashMap<>();
		after.forEach((k, v) -> {
			if (!java.util.Objects.equals(before.get(k), v)) {
				// Who may do what in full; names and addresses only as "changed" (the
				// audit trail has them).
				boolean personal = k.equals("fullName") || k.equals("email");
				changed.put(k, personal ? "(changed)" : before.get(k) + " -> " + v);
			}
		});
		if (!changed.isEmpty()) {
			var e = SecurityLog.info("user.changed")
				.addKeyValue("actor", SecurityLog.actor())
				.addKeyValue("userId", id)
				.addKeyValue("username", username);
			changed.forEach(e::addKeyValue);
			e.log();
		}
		if ("true".equals(before.get("enabled")) && "false".equals(after.get("enabled"))) {
			SecurityLog.info("user.disabled")
				.addKeyValue("actor", SecurityLog.actor())
				.addKeyValue("userId", id)
				.addKeyValue("username", username)
				.log();
		}
		if (newPassword) {
			SecurityLog.info("password.set.byAdmin")
				.addKeyValue("actor", SecurityLog.actor())
				.addKeyValue("userId", id)
				.addKeyValue("username", username)
				.log();
		}
	}

	/**
	 * The contact a portal customer is (empty for staff and for customers without one).
	 */
	@Transactional(readOnly = true)
	public java.util.Optional<Long> contactIdOf(long userId) {
		return jdbc.sql("select contact_id from users where id = ? and contact_id is not null")
			.param(userId)
			.query(Long.class)
			.optional();
	}

	@Transactional(readOnly = true)
	public List<TeamSummary> listTeams() {
		return jdbc.sql("""
				select t.id, t.name, (select count(*) from users u where u.team_id = t.id) as members, t.version
				from teams t order by lower(t.name)
				""").query(TeamSummary.class).list();
	}

	@Transactional
	public long createTeam(String name) {
		if (teams.existsByNameIgnoreCase(name.trim())) {
			throw new DuplicateNameException("name", name);
		}
		long id = teams.save(new Team(name.trim())).getId();
		SecurityLog.info("team.created")
			.addKeyValue("actor", SecurityLog.actor())
			.addKeyValue("teamId", id)
			.addKeyValue("name", name.trim())
			.log();
		return id;
	}

	private Team team(Long teamId) {
		if (teamId == null) {
			return null;
		}
		return teams.findById(teamId).orElseThrow(() -> new NotFoundException("Team", teamId));
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.trim();
	}

}
