package org.opencrm.core.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opencrm.core.audit.AuditEntry;
import org.opencrm.core.audit.AuditTrail;
import org.opencrm.core.shared.StaleEditException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest
class UserServiceTest {

	@Autowired
	UserService users;

	@Autowired
	UserPasswords passwords;

	@Autowired
	AuditTrail audit;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aNewUserSignsInWithABcryptHashedPassword() {
		long id = users.createUser(
				new UserCommand("hash.check", "Hash Check", null, Role.SALES_REP, null, true, "correct horse", 0));
		String hash = jdbc.sql("select password_hash from users where id = ?").param(id).query(String.class).single();
		assertThat(hash).startsWith("$2").doesNotContain("correct horse");
		assertThat(users.loadUserByUsername("HASH.CHECK").id()).isEqualTo(id);
	}

	@Test
	void aTakenUsernameIsRefusedWhateverItsCase() {
		users.createUser(
				new UserCommand("taken.name", "First", null, Role.MARKETER, null, true, "kettle-harbour-17", 0));
		assertThatThrownBy(() -> users.createUser(
				new UserCommand("Taken.Name", "Second", null, Role.MARKETER, null, true, "kettle-harbour-17", 0)))
			.isInstanceOf(DuplicateNameException.class);
	}

	@Test
	void roleAndPasswordChangesAreInTheHistoryButNeverTheHash() {
		long id = users.createUser(
				new UserCommand("promoted", "Pro Moted", null, Role.SALES_REP, null, true, "kettle-harbour-17", 0));
		users.updateUser(id,
				new UserCommand("promoted", "Pro Moted", null, Role.MANAGER, null, true, "lantern-meadow-42", 0));

		var history = audit.history("user", id, 10);
		assertThat(history).filteredOn(e -> "role".equals(e.field()))
			.singleElement()
			.satisfies(e -> assertThat(e.oldValue() + ">" + e.newValue()).isEqualTo("SALES_REP>MANAGER"));
		assertThat(history).extracting(AuditEntry::field).contains("password");
		String hash = jdbc.sql("select password_hash from users where id = ?").param(id).query(String.class).single();
		assertThat(history).allSatisfy(e -> assertThat(String.valueOf(e.newValue())).doesNotContain(hash));
	}

	@Test
	void aStaleUserEditConflicts() {
		long id = users.createUser(
				new UserCommand("stale.user", "Stale", null, Role.SALES_REP, null, true, "kettle-harbour-17", 0));
		users.updateUser(id, new UserCommand("stale.user", "Stale One", null, Role.SALES_REP, null, true, "", 0));
		assertThatThrownBy(() -> users.updateUser(id,
				new UserCommand("stale.user", "Stale Two", null, Role.ADMIN, null, true, "", 0)))
			.isInstanceOf(StaleEditException.class);
		assertThat(users.getUser(id).role()).isEqualTo(Role.SALES_REP);
	}

	@Test
	void everyWayOfSettingAPasswordFollowsThePolicy() {
		assertThatThrownBy(() -> users
			.createUser(new UserCommand("weak.one", "Weak", null, Role.SALES_REP, null, true, "password", 0)))
			.isInstanceOf(WeakPasswordException.class);
		assertThat(jdbc.sql("select count(*) from users where username = 'weak.one'").query(Long.class).single())
			.isZero();
		long id = users.createUser(
				new UserCommand("strong.one", "Strong", null, Role.SALES_REP, null, true, "kettle-harbour-17", 0));
		assertThatThrownBy(() -> users.updateUser(id,
				new UserCommand("strong.one", "Strong", null, Role.SALES_REP, null, true, "x".repeat(73), 0)))
			.isInstanceOf(WeakPasswordException.class)
			.hasFieldOrPropertyWithValue("code", "password.tooLong");
		assertThatThrownBy(() -> passwords.changeOwnPassword(id, "kettle-harbour-17", "my-Strong.One-password"))
			.isInstanceOf(WeakPasswordException.class);
	}

	@Test
	void changingOnesOwnPasswordNeedsTheCurrentOne() {
		long id = users.createUser(
				new UserCommand("changer", "Chan Ger", null, Role.SALES_REP, null, true, "kettle-harbour-17", 0));
		assertThatThrownBy(() -> passwords.changeOwnPassword(id, "not-the-password", "lantern-meadow-42"))
			.isInstanceOf(org.opencrm.core.shared.RuleViolationException.class)
			.hasFieldOrPropertyWithValue("code", "password.current.wrong");
		passwords.changeOwnPassword(id, "kettle-harbour-17", "lantern-meadow-42");
		String hash = jdbc.sql("select password_hash from users where id = ?").param(id).query(String.class).single();
		assertThat(new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder().matches("lantern-meadow-42",
				hash))
			.isTrue();
	}

}
