package org.opencrm.core.user;

import java.util.Map;
import java.util.Objects;
import org.opencrm.core.audit.AuditTrail;
import org.opencrm.core.event.UserAccessChanged;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.Rows;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff users and teams as an admin creates and changes them, and the login look-up.
 * Lists and pick-lists are {@link UserDirectory}; a user's own password
 * {@link UserPasswords}; portal customers' sign-ins {@link PortalLogins}.
 */
@Service
public class UserService implements UserDetailsService {

	static final String AUDIT_TYPE = "user";

	static final String USER_SELECT = """
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
				user.getTeam() == null ? null : user.getTeam().getId(), user.getPasswordHash(), user.isEnabled(),
				user.getLocale(), user.getTimeZone());
	}

	@Transactional(readOnly = true)
	public UserSummary getUser(long id) {
		return jdbc.sql(USER_SELECT + " where u.id = ?")
			.param(id)
			.query(Rows.of(UserSummary.class))
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
		UserChangeLog.changes(id, user.getUsername(), before, after, newPassword);
		if (newPassword || endsAccess(before, after)) {
			events.publishEvent(new UserAccessChanged(id, user.getUsername()));
		}
	}

	/**
	 * Disabled, or a new role or team: a signed-in user carries their role and team in
	 * the session, so what they were allowed before must end with it.
	 */
	private static boolean endsAccess(Map<String, String> before, Map<String, String> after) {
		return "false".equals(after.get("enabled")) || !Objects.equals(before.get("role"), after.get("role"))
				|| !Objects.equals(before.get("teamId"), after.get("teamId"));
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

	static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.trim();
	}

}
