package org.opencrm.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencrm.core.TestData.anAccount;
import static org.opencrm.core.TestData.unique;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencrm.core.TestData;
import org.opencrm.core.account.AccountCommand;
import org.opencrm.core.account.AccountService;
import org.opencrm.core.contact.ContactCommand;
import org.opencrm.core.contact.ContactFilter;
import org.opencrm.core.contact.ContactList;
import org.opencrm.core.contact.ContactRow;
import org.opencrm.core.contact.ContactService;
import org.opencrm.core.shared.LifecycleStage;
import org.opencrm.core.shared.SqlWhere;
import org.opencrm.core.user.UserService;
import org.opencrm.core.user.Visibility;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The contact rule reads the deciding owner kept on the contact
 * ({@code access_owner_id}); these tests hold it to the rule as written over the account
 * (a contact is visible when its account is; without an account, when its own owner is in
 * scope or it has none) for a rep, a rep of another team, a manager and everyone, before
 * and after every way a contact's account or owner changes: through the services, through
 * SQL, an account changing hands, a rep leaving the team.
 */
@SpringBootTest
class ContactAccessTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AccountService accounts;

	@Autowired
	ContactService contacts;

	@Autowired
	ContactList contactList;

	@Autowired
	AccountAccess access;

	@Autowired
	UserService users;

	String u;

	long team;

	long repA;

	long repB;

	long repC;

	long manager;

	long accountA;

	long accountB;

	long accountC;

	long accountNobody;

	final List<Long> people = new ArrayList<>();

	@BeforeEach
	void customers() {
		u = unique();
		team = jdbc.sql("insert into teams (name) values (?) returning id")
			.param("Access " + u)
			.query(Long.class)
			.single();
		repA = rep("a");
		repB = rep("b");
		repC = TestData.user(jdbc, "access-c-" + u, "Carla " + u);
		manager = jdbc.sql("""
				insert into users (username, full_name, password_hash, role, team_id)
				values (?, ?, '{noop}unused', 'MANAGER', ?) returning id
				""").params("access-m-" + u, "Mona " + u, team).query(Long.class).single();
		accountA = accounts.create(anAccount("Access A " + u).owner(repA).build());
		accountB = accounts.create(anAccount("Access B " + u).owner(repB).build());
		accountC = accounts.create(anAccount("Access C " + u).owner(repC).build());
		accountNobody = accounts.create(anAccount("Access Nobody " + u).build());
		// On each account a person owned by nobody and one owned by someone else: on an
		// account only the account's owner counts.
		for (long account : new long[] { accountA, accountB, accountC, accountNobody }) {
			people.add(person(account, null));
			people.add(person(account, repC));
		}
		// Without an account the person's own owner counts.
		for (Long owner : new Long[] { null, repA, repB, repC }) {
			people.add(person(null, owner));
		}
	}

	@Test
	void everyoneSeesExactlyTheContactsTheRuleOverTheAccountAllows() {
		assertSameAsTheRuleEverywhere();
		// Their account's two, the unowned account's two, their own loose one and
		// nobody's.
		assertThat(visibleByCondition(as(repA))).hasSize(6);
	}

	@Test
	void anAccountChangingHandsTakesItsContactsAlong() {
		accounts.update(accountA, withOwner("Access A " + u, repC, version("accounts", accountA)), Visibility.all());
		assertSameAsTheRuleEverywhere();
		assertThat(visibleByCondition(as(repA))).doesNotContain(people.get(0), people.get(1));

		jdbc.sql("update accounts set owner_id = null where id = ?").param(accountC).update();
		assertSameAsTheRuleEverywhere();
		assertThat(visibleByCondition(as(repA))).contains(people.get(4), people.get(5));

		jdbc.sql("update accounts set owner_id = ? where id in (?, ?)").params(repB, accountNobody, accountC).update();
		assertSameAsTheRuleEverywhere();
	}

	@Test
	void aContactMovingBetweenAccountsOrLeavingOneFollowsItsNewAccountOrItsOwnOwner() {
		long person = people.get(6); // nobody's, on the unowned account
		contacts.update(person, moved(person, accountB, null), Visibility.all());
		assertSameAsTheRuleEverywhere();
		assertThat(visibleByCondition(as(repA))).doesNotContain(person);

		contacts.update(person, moved(person, null, repA), Visibility.all());
		assertSameAsTheRuleEverywhere();
		assertThat(visibleByCondition(as(repA))).contains(person);

		// A loose person changes owner; a whole batch moves by SQL (an import, a merge).
		jdbc.sql("update contacts set owner_id = ? where id = ?").params(repB, people.get(9)).update();
		jdbc.sql("update contacts set account_id = ? where id in (?, ?)")
			.params(accountA, people.get(2), people.get(11))
			.update();
		assertSameAsTheRuleEverywhere();
		// Edits that move nothing keep the copy as it is.
		jdbc.sql("update contacts set first_name = 'Renamed', account_id = account_id where id = ?")
			.param(people.get(2))
			.update();
		assertSameAsTheRuleEverywhere();
	}

	@Test
	void aRepLeavingTheTeamTakesTheirCustomersOutOfTheManagersView() {
		jdbc.sql("update users set team_id = null where id = ?").param(repB).update();
		assertSameAsTheRuleEverywhere();
		assertThat(visibleByCondition(as(manager))).doesNotContain(people.get(2), people.get(3));
	}

	@Test
	void theListTheLookUpAndTheCapAllAskTheSameRule() {
		Visibility a = as(repA);
		Set<Long> listed = new TreeSet<>();
		for (ContactRow row : contactList
			.list(new ContactFilter(u, null, null, null, null, ContactFilter.Sort.NAME), a, null, 100)
			.items()) {
			listed.add(row.id());
		}
		assertThat(listed).isEqualTo(visibleByTheAccountRule(a));
		for (long person : people) {
			assertThat(access.canSeeContact(person, a)).as("contact %d", person)
				.isEqualTo(visibleByTheAccountRule(a).contains(person));
		}
	}

	private void assertSameAsTheRuleEverywhere() {
		for (Visibility v : List.of(as(repA), as(repB), as(repC), as(manager), Visibility.all())) {
			assertThat(visibleByCondition(v)).as("%s", v).isEqualTo(visibleByTheAccountRule(v));
		}
	}

	/** What AccountAccess's condition lets through, among this test's people. */
	private Set<Long> visibleByCondition(Visibility v) {
		SqlWhere where = AccountAccess.restrictContacts(new SqlWhere(), v, "c");
		where.and("c.id in (:people)", "people", people);
		return new TreeSet<>(
				where.bind(jdbc.sql("select c.id from contacts c" + where.sql())).query(Long.class).list());
	}

	/** The rule as written, asked through the account. */
	private Set<Long> visibleByTheAccountRule(Visibility v) {
		String inScope = switch (v.scope()) {
			case ALL -> "true";
			case OWN -> "(o is null or o = :user)";
			case TEAM -> "(o is null or o = :user or o in (select id from users where team_id = :team))";
		};
		String sql = """
				select c.id from contacts c left join accounts a on a.id = c.account_id
				cross join lateral (select case when c.account_id is null then c.owner_id else a.owner_id end as o) w
				where c.id in (:people) and %s
				""".formatted(inScope);
		var spec = jdbc.sql(sql).param("people", people).param("user", v.userId());
		if (v.scope() == Visibility.Scope.TEAM) {
			spec = spec.param("team", v.teamId());
		}
		return new TreeSet<>(spec.query(Long.class).list());
	}

	private long rep(String letter) {
		long id = TestData.user(jdbc, "access-" + letter + "-" + u, "Rep " + letter + " " + u);
		jdbc.sql("update users set team_id = ? where id = ?").params(team, id).update();
		return id;
	}

	/** What {@code id} may see, as their sign-in makes it (role and team). */
	private Visibility as(long id) {
		String name = jdbc.sql("select username from users where id = ?").param(id).query(String.class).single();
		return Visibility.of(users.loadUserByUsername(name));
	}

	private long person(Long account, Long owner) {
		return jdbc.sql("""
				insert into contacts (account_id, first_name, last_name, lifecycle_stage, owner_id)
				values (?, 'Person', ?, 'LEAD', ?) returning id
				""").params(account, u, owner).query(Long.class).single();
	}

	private long version(String table, long id) {
		return jdbc.sql("select version from " + table + " where id = ?").param(id).query(Long.class).single();
	}

	private AccountCommand withOwner(String name, long owner, long version) {
		return TestData.withVersion(anAccount(name).owner(owner).build(), version);
	}

	private ContactCommand moved(long person, Long account, Long owner) {
		String last = jdbc.sql("select last_name from contacts where id = ?")
			.param(person)
			.query(String.class)
			.single();
		return new ContactCommand("Person", last, null, null, null, null, null, null, null, null, account,
				LifecycleStage.LEAD, owner, List.of(), false, false, null, version("contacts", person));
	}

}
