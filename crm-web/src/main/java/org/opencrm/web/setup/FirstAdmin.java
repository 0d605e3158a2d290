package org.opencrm.web.setup;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.UserCommand;
import org.opencrm.core.user.UserService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates the first admin of an empty database, once. Every step holds the demo loader's
 * advisory lock, so of several nodes starting on one empty database only one seeds, and
 * two set-up forms sent at once can't both make an admin.
 */
@Service
class FirstAdmin {

	/** The lock {@code DemoDataLoader} takes too: seeding of either kind happens once. */
	private static final long SEED_LOCK = 4242001;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	private final UserService users;

	private final InstallDefaults defaults;

	FirstAdmin(JdbcClient jdbc, UserService users, InstallDefaults defaults) {
		this.jdbc = jdbc;
		this.users = users;
		this.defaults = defaults;
	}

	enum Kind {

		USERS_EXIST, CREATED, SETUP_NEEDED

	}

	record Outcome(Kind kind, String token) {
	}

	/**
	 * The first start's work: defaults, then the admin from the settings or a set-up
	 * token.
	 */
	@Transactional
	public Outcome onFirstStart(BootstrapSettings settings) {
		lock();
		if (usersExist()) {
			return new Outcome(Kind.USERS_EXIST, null);
		}
		defaults.seed();
		if (settings.complete()) {
			createAdmin(settings.adminUsername().strip(), "Administrator", null, settings.adminPassword());
			return new Outcome(Kind.CREATED, null);
		}
		String token = jdbc.sql("select token from setup_token").query(String.class).optional().orElseGet(() -> {
			byte[] bytes = new byte[24];
			RANDOM.nextBytes(bytes);
			String fresh = HexFormat.of().formatHex(bytes);
			jdbc.sql("insert into setup_token (token) values (?)").param(fresh).update();
			return fresh;
		});
		return new Outcome(Kind.SETUP_NEEDED, token);
	}

	/**
	 * True while the set-up page is open: no user yet, and this is the token that was
	 * logged.
	 */
	@Transactional(readOnly = true)
	public boolean accepts(String token) {
		if (token == null || token.isBlank() || usersExist()) {
			return false;
		}
		String expected = jdbc.sql("select token from setup_token").query(String.class).optional().orElse(null);
		return expected != null && java.security.MessageDigest.isEqual(expected.getBytes(), token.getBytes());
	}

	/**
	 * The set-up page's admin; false when the token is wrong or someone else was first.
	 */
	@Transactional
	public boolean createFromSetup(String token, String username, String fullName, String email, String password) {
		lock();
		if (!accepts(token)) {
			return false;
		}
		defaults.seed();
		createAdmin(username.strip(), fullName.strip(), email, password);
		return true;
	}

	private void createAdmin(String username, String fullName, String email, String password) {
		users.createUser(new UserCommand(username, fullName, email, Role.ADMIN, null, true, password, 0));
		jdbc.sql("delete from setup_token").update();
	}

	private void lock() {
		jdbc.sql("select pg_advisory_xact_lock(?)").param(SEED_LOCK).query().singleRow();
	}

	private boolean usersExist() {
		return jdbc.sql("select exists (select 1 from users)").query(Boolean.class).single();
	}

}
