package org.opencrm.core.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencrm.core.TestData.anAccount;
import static org.opencrm.core.TestData.unique;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencrm.core.TestData;
import org.opencrm.core.account.AccountService;
import org.opencrm.core.dedupe.MergeCommand;
import org.opencrm.core.dedupe.RecordMergeService;
import org.opencrm.core.dedupe.RecordType;
import org.opencrm.core.shared.TextQuery;
import org.opencrm.core.user.Visibility;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code account_search_words} (kept by triggers on accounts) holds exactly each word of
 * every account's {@code search} with the account's owner and name, and the search box
 * finds through it what the full-text query over the accounts finds, and for a
 * misspelling what the name's similarity finds: after inserts, renames, changes of
 * domain, city and industry, accounts changing hands, merges and deletes; for reps, a
 * manager and an admin; behind many namesakes.
 */
@SpringBootTest
class AccountSearchWordsTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AccountService accounts;

	@Autowired
	GlobalSearch search;

	@Autowired
	RecordMergeService merges;

	String u;

	long team;

	long repA;

	long repB;

	long manager;

	final List<Long> mine = new ArrayList<>();

	@BeforeEach
	void customers() {
		u = unique();
		team = jdbc.sql("insert into teams (name) values (?) returning id")
			.param("Words " + u)
			.query(Long.class)
			.single();
		repA = TestData.user(jdbc, "awords-a-" + u, "Anton " + u);
		repB = TestData.user(jdbc, "awords-b-" + u, "Berta " + u);
		manager = TestData.user(jdbc, "awords-m-" + u, "Max " + u);
		jdbc.sql("update users set team_id = ? where id in (?, ?)").params(team, repA, manager).update();
		jdbc.sql("update users set role = 'MANAGER' where id = ?").param(manager).update();
		mine.add(accounts
			.create(anAccount("Schmidt" + u + " Data AG").owner(repA).domain("schmidt" + u + ".de").build()));
		mine.add(accounts.create(anAccount("Schmidt" + u + " Werke GmbH").owner(repB).build()));
		mine.add(accounts.create(anAccount("Müller-Schmidt" + u + " KG").build()));
		mine.add(jdbc.sql("""
				insert into accounts (name, industry, city, owner_id, lifecycle_stage)
				values (?, 'Logistics', ?, ?, 'LEAD') returning id
				""").params("Nord" + u + " Logistik", "Schmidtstadt" + u, manager).query(Long.class).single());
	}

	@Test
	void insertedAccountsHaveTheirWordsAndAreFoundAsByTheirFullText() {
		assertSameAsTheAccounts();
		assertThat(found("schmidt" + u, Visibility.all())).hasSize(3);
		assertThat(found("schmidt" + u, rep(repA))).containsExactly(mine.get(2), mine.get(0));
	}

	@Test
	void renamesAndChangedDomainsCitiesAndIndustriesChangeTheWords() {
		jdbc.sql("update accounts set name = ? where id = ?").params("Schmitz" + u + " Data AG", mine.get(0)).update();
		jdbc.sql("update accounts set domain = ?, city = 'Köln', industry = 'Retail' where id = ?")
			.params("werke" + u + ".example", mine.get(1))
			.update();
		jdbc.sql("update accounts set city = 'Hamburg' where id = ?").param(mine.get(3)).update();
		assertSameAsTheAccounts();
		assertThat(found("schmitz" + u, Visibility.all())).first().isEqualTo(mine.get(0));
		assertThat(found("schmidtstadt" + u, Visibility.all())).doesNotContain(mine.get(3));
		assertThat(jdbc.sql("select count(*) from account_words where word = ?")
			.param("schmidtstadt" + u)
			.query(Long.class)
			.single()).as("a word no account has any more").isZero();
	}

	@Test
	void accountsChangingHandsTakeTheirWordsAlong() {
		jdbc.sql("update accounts set owner_id = ? where id = ?").params(repB, mine.get(0)).update();
		jdbc.sql("update accounts set owner_id = null where id = ?").param(mine.get(1)).update();
		jdbc.sql("update accounts set owner_id = ? where id = ?").params(repA, mine.get(2)).update();
		assertSameAsTheAccounts();
	}

	@Test
	void mergedAndDeletedAccountsLeaveNoWords() {
		merges.merge(
				new MergeCommand(RecordType.ACCOUNT, mine.get(0), version(mine.get(0)),
						List.of(new MergeCommand.Merged(mine.get(1), version(mine.get(1)))), Map.of()),
				Visibility.all());
		assertSameAsTheAccounts();
		assertThat(found("werke", Visibility.all())).doesNotContain(mine.get(1));
		// Their timeline entries first (the service writes one per new account).
		jdbc.sql("delete from interactions where account_id = any(?)").param(mine.toArray(Long[]::new)).update();
		jdbc.sql("delete from accounts where id = ?").param(mine.get(3)).update();
		mine.remove(3);
		assertSameAsTheAccounts();
		jdbc.sql("delete from accounts where id = any(?)").param(mine.toArray(Long[]::new)).update();
		assertThat(jdbc.sql("select count(*) from account_words where word like ?")
			.param("%" + u + "%")
			.query(Long.class)
			.single()).as("words no account has any more").isZero();
	}

	@Test
	void theFirstAccountsByNameAreFoundBehindManyNamesakes() {
		// Rep B's 110 come first by name (more than the search reads of a word whoever
		// owns them), then nobody's and rep A's interleaved.
		jdbc.sql(
				"""
						insert into accounts (name, owner_id, lifecycle_stage)
						select 'Aa' || lpad(g::text, 3, '0') || ' Schmidt' || ?, case when g <= 110 then ? when g % 2 = 0 then ? end,
						       'LEAD'
						from generate_series(1, 150) g
						""")
			.params(u, repB, repA)
			.update();
		mine.addAll(jdbc.sql("select id from accounts where name like ?")
			.param("Aa% Schmidt" + u)
			.query(Long.class)
			.list());
		assertSameAsTheAccounts();
		assertThat(found("schmidt" + u, rep(repA))).hasSize(20)
			.doesNotContain(mine.get(0))
			.isEqualTo(live("schmidt" + u, rep(repA)).subList(0, 20));
	}

	/**
	 * Thousands of accounts sharing words, updated and deleted in one statement each:
	 * their links stay exactly their words, and the words no account has any more (a name
	 * word all of them lost, the domains replaced, then all of their words) are gone
	 * after each statement.
	 */
	@Test
	void oneStatementUpdatingOrDeletingThousandsOfAccountsSharingAWordLeavesNoWordBehind() {
		jdbc.sql("""
				insert into accounts (name, domain, owner_id, lifecycle_stage)
				select 'Export ' || lpad(g::text, 4, '0') || ' Bulk' || ?, 'export' || g || ?,
				       case g % 3 when 0 then ? when 1 then ? end, 'LEAD'
				from generate_series(1, 3000) g
				""").params(u, u, repA, repB).update();
		List<Long> bulk = jdbc.sql("select id from accounts where name like ?")
			.param("Export % Bulk" + u)
			.query(Long.class)
			.list();
		assertThat(bulk).hasSize(3000);
		mine.addAll(bulk);
		Long[] ids = bulk.toArray(Long[]::new);
		assertSameAsTheAccounts();
		// One statement: every other renamed, every third a new domain and owner.
		jdbc.sql("""
				update accounts set name = case when id % 2 = 0 then replace(name, 'Bulk', 'Ausfuhr') else name end,
				       domain = case when id % 3 = 0 then 'neu' || id || ? else domain end,
				       owner_id = case when id % 3 = 0 then ? else owner_id end
				where id = any(?)
				""").params(u, repB, ids).update();
		assertSameAsTheAccounts();
		assertThat(wordsLike("export%" + u)).as("domains no account has any more")
			.isEqualTo(bulk.stream().filter(id -> id % 3 != 0).count());
		jdbc.sql("update accounts set name = replace(name, 'Bulk', 'Ausfuhr') where id = any(?)").param(ids).update();
		assertSameAsTheAccounts();
		assertThat(wordsLike("bulk" + u)).as("a name word all of them lost").isZero();
		assertThat(wordsLike("ausfuhr" + u)).isOne();
		jdbc.sql("delete from accounts where id = any(?)").param(ids).update();
		mine.removeAll(bulk);
		assertSameAsTheAccounts();
		assertThat(wordsLike("ausfuhr" + u) + wordsLike("export%" + u) + wordsLike("neu%" + u))
			.as("the words of the deleted accounts")
			.isZero();
	}

	private long wordsLike(String pattern) {
		return jdbc.sql("select count(*) from account_words where word like ?")
			.param(pattern)
			.query(Long.class)
			.single();
	}

	private Visibility rep(long userId) {
		return new Visibility(Visibility.Scope.OWN, userId, team);
	}

	/**
	 * The links of this test's accounts are exactly their words, owners and names, and
	 * the search box finds, for each visibility and a word, a prefix, two words and a
	 * misspelling, what the full-text query (or the name's similarity) and the rule over
	 * the accounts find.
	 */
	private void assertSameAsTheAccounts() {
		Long[] ids = mine.toArray(Long[]::new);
		List<String> links = jdbc.sql("""
				select w.word || '|' || l.owner_key || '|' || l.sort_name || '|' || l.account_id
				from account_search_words l join account_words w on w.id = l.word_id
				where l.account_id = any(?) order by 1
				""").param(ids).query(String.class).list();
		List<String> words = jdbc.sql("""
				select x.w || '|' || coalesce(a.owner_id, 0) || '|' || a.sort_name || '|' || a.id
				from accounts a cross join unnest(tsvector_to_array(a.search)) x(w)
				where a.id = any(?) order by 1
				""").param(ids).query(String.class).list();
		assertThat(links).isEqualTo(words);
		assertThat(jdbc.sql("""
				select count(*) from account_words w
				where w.word like ? and not exists (select 1 from account_search_words l where l.word_id = w.id)
				""").param("%" + u + "%").query(Long.class).single()).as("words no account has").isZero();
		for (Visibility visibility : List.of(Visibility.all(), rep(repA), rep(repB),
				new Visibility(Visibility.Scope.TEAM, manager, team))) {
			for (String typed : List.of("schmidt" + u, "schmidt" + u.substring(0, 5), "müller-schmidt" + u,
					"schmidt" + u + " data", "schmidtstadt" + u, "Nord" + u)) {
				List<Long> byFullText = live(typed, visibility);
				List<Long> found = found(typed, visibility);
				assertThat(found.subList(0, Math.min(byFullText.size(), found.size())))
					.as("%s for %s", typed, visibility)
					.isEqualTo(byFullText.subList(0, Math.min(byFullText.size(), 20)));
			}
			String misspelt = "shmidt" + u;
			assertThat(found(misspelt, visibility)).as("%s for %s", misspelt, visibility)
				.isEqualTo(alike(misspelt, visibility));
		}
	}

	/** This test's accounts the search box finds, in its order. */
	private List<Long> found(String typed, Visibility visibility) {
		return search.search(typed, visibility, 20)
			.accounts()
			.stream()
			.map(SearchHit::id)
			.filter(mine::contains)
			.toList();
	}

	/** This test's accounts the full-text query finds among those the user may see. */
	private List<Long> live(String typed, Visibility visibility) {
		return jdbc.sql("""
				select a.id from accounts a
				where a.id = any(?) and a.search @@ to_tsquery('simple', ?) and %s
				order by a.sort_name, a.id
				""".formatted(owners(visibility)))
			.params(mine.toArray(Long[]::new), TextQuery.prefix(typed))
			.query(Long.class)
			.list();
	}

	/**
	 * This test's accounts with a part of the name spelled like the misspelling (word
	 * similarity at least 0.5), most alike first, among those the user may see.
	 */
	private List<Long> alike(String typed, Visibility visibility) {
		return jdbc.sql("""
				select a.id from accounts a
				where a.id = any(?) and word_similarity(?, a.sort_name) >= %s and %s
				order by word_similarity(?, a.sort_name) desc, a.id limit 20
				""".formatted(GlobalSearch.NAME_WORD_SIMILARITY, owners(visibility)))
			.params(mine.toArray(Long[]::new), typed, typed)
			.query(Long.class)
			.list();
	}

	private String owners(Visibility visibility) {
		return switch (visibility.scope()) {
			case ALL -> "true";
			case OWN -> "coalesce(a.owner_id, 0) in (0, " + visibility.userId() + ")";
			case TEAM -> "coalesce(a.owner_id, 0) = any(array[0, " + visibility.userId()
					+ "]::bigint[] || array(select id from users where team_id = " + visibility.teamId() + "))";
		};
	}

	private long version(long accountId) {
		return jdbc.sql("select version from accounts where id = ?").param(accountId).query(Long.class).single();
	}

}
