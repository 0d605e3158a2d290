package org.opencrm.core.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencrm.core.TestData.anAccount;
import static org.opencrm.core.TestData.contact;
import static org.opencrm.core.TestData.unique;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencrm.core.TestData;
import org.opencrm.core.account.AccountService;
import org.opencrm.core.contact.ContactService;
import org.opencrm.core.dedupe.MergeCommand;
import org.opencrm.core.dedupe.RecordMergeService;
import org.opencrm.core.dedupe.RecordType;
import org.opencrm.core.port.DataSubject;
import org.opencrm.core.privacy.PrivacyService;
import org.opencrm.core.user.Visibility;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code contact_search_words} (kept by triggers on contacts) holds exactly each word of
 * every contact's {@code search} with the contact's deciding owner and name, and the
 * search box finds through it what the full-text query over the contacts finds: after
 * inserts, changes of name, e-mail, title and city, an account changing hands, a contact
 * moving between accounts, deletion, merges and erasure.
 */
@SpringBootTest
class ContactSearchWordsTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AccountService accounts;

	@Autowired
	ContactService contacts;

	@Autowired
	GlobalSearch search;

	@Autowired
	RecordMergeService merges;

	@Autowired
	PrivacyService privacy;

	@Autowired
	PlatformTransactionManager transactions;

	String u;

	long repA;

	long repB;

	long accountA;

	long accountB;

	final List<Long> people = new ArrayList<>();

	@BeforeEach
	void customers() {
		u = unique();
		repA = TestData.user(jdbc, "words-a-" + u, "Anton " + u);
		repB = TestData.user(jdbc, "words-b-" + u, "Berta " + u);
		accountA = accounts.create(anAccount("Words A " + u).owner(repA).build());
		accountB = accounts.create(anAccount("Words B " + u).owner(repB).build());
		people.add(contacts.create(contact("Greta", "Schmidt" + u, "greta." + u + "@example.com", accountA)));
		people.add(contacts.create(contact("Hugo", "Schmidt" + u, null, accountB)));
		people.add(contacts.create(contact("Ida", "Müller-Schmidt" + u, null, null)));
		people.add(jdbc.sql("""
				insert into contacts (first_name, last_name, title, city, owner_id, lifecycle_stage)
				values ('Jan', ?, 'Head of Purchasing', 'Schmidtstadt', ?, 'LEAD') returning id
				""").params("Schmidt" + u, repB).query(Long.class).single());
	}

	@Test
	void insertedContactsHaveTheirWordsAndAreFoundAsByTheirFullText() {
		assertSameAsTheContacts();
		assertThat(found("schmidt" + u, Visibility.all())).hasSize(4);
	}

	@Test
	void changedNamesAddressesTitlesAndCitiesChangeTheWords() {
		jdbc.sql("update contacts set last_name = ? where id = ?").params("Schmitz" + u, people.get(0)).update();
		jdbc.sql("update contacts set email = ?, title = 'Buyer', city = 'Köln' where id = ?")
			.params("hugo." + u + "@example.org", people.get(1))
			.update();
		jdbc.sql("update contacts set first_name = 'Jana' where id = ?").param(people.get(3)).update();
		assertSameAsTheContacts();
		assertThat(found("schmitz" + u, Visibility.all())).first().isEqualTo(people.get(0));
	}

	@Test
	void anAccountChangingHandsAndAContactMovingTakeTheirWordsAlong() {
		jdbc.sql("update accounts set owner_id = ? where id = ?").params(repB, accountA).update();
		assertSameAsTheContacts();
		jdbc.sql("update accounts set owner_id = null where id = ?").param(accountB).update();
		jdbc.sql("update contacts set account_id = ? where id = ?").params(accountA, people.get(2)).update();
		jdbc.sql("update contacts set owner_id = ? where id = ?").params(repA, people.get(3)).update();
		assertSameAsTheContacts();
	}

	/**
	 * Statements of many rows: one that moves some contacts to another owner, renames
	 * others and does both to a few keeps every link; so do an account of many contacts
	 * changing hands twice in one transaction and a statement that changes nothing
	 * counted.
	 */
	@Test
	void oneStatementMovingAndRenamingManyContactsKeepsEveryLink() {
		List<Long> alone = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			long id = contacts.create(contact("Kai" + i, "Kaiser" + u,
					i % 3 == 0 ? null : "kai" + i + "." + u + "@example.com", i % 2 == 0 ? accountA : null));
			people.add(id);
			if (i % 2 == 1) {
				alone.add(id);
			}
		}
		jdbc.sql("update contacts set owner_id = ? where id = any(?)")
			.params(repA, alone.toArray(Long[]::new))
			.update();
		assertSameAsTheContacts();
		// In one statement: owners change for two thirds of them, names for every other
		// (a new word), so some get both and some only one.
		Long[] keepOwner = alone.stream().filter(id -> alone.indexOf(id) % 3 == 0).toArray(Long[]::new);
		Long[] renamed = alone.stream().filter(id -> alone.indexOf(id) % 2 == 0).toArray(Long[]::new);
		jdbc.sql("""
				update contacts set owner_id = case when id = any(?) then owner_id else ? end,
				       last_name = case when id = any(?) then 'Schmitt' || ? else last_name end
				where id = any(?)
				""").params(keepOwner, repB, renamed, u, alone.toArray(Long[]::new)).update();
		assertSameAsTheContacts();
		Visibility berta = new Visibility(Visibility.Scope.OWN, repB, null);
		List<Long> renamedForB = live("schmitt" + u, berta);
		assertThat(renamedForB).hasSize(5);
		assertThat(found("schmitt" + u, berta)).startsWith(renamedForB.toArray(Long[]::new));
		new TransactionTemplate(transactions).executeWithoutResult(tx -> {
			jdbc.sql("update accounts set owner_id = ? where id = ?").params(repB, accountA).update();
			jdbc.sql("update accounts set owner_id = null where id = ?").param(accountA).update();
		});
		assertSameAsTheContacts();
		jdbc.sql("update accounts set owner_id = ? where id = ?").params(repA, accountA).update();
		jdbc.sql("update contacts set title = title where id = any(?)").param(people.toArray(Long[]::new)).update();
		assertSameAsTheContacts();
	}

	/**
	 * An account of hundreds of contacts changing hands through the account form: every
	 * contact's deciding owner and every link follow (the cascade moves the links in one
	 * statement, not the contacts' row trigger), the words its contacts share with
	 * contacts of other accounts keep those contacts' links, and the search shows the
	 * contacts to the new owner only; a contact renamed in the same transaction after the
	 * move and a move back still leave every link right.
	 */
	@Test
	void anAccountOfManyContactsChangingHandsMovesEveryLinkAndWhoSeesThem() {
		long big = accounts.create(anAccount("Words Big " + u).owner(repA).build());
		List<Long> moved = jdbc.sql("""
				insert into contacts (first_name, last_name, email, title, city, account_id, lifecycle_stage)
				select 'Bo' || lpad(g::text, 3, '0'), case when g % 50 = 0 then ? else ? end,
				       case when g % 3 = 0 then 'bo' || g || '.' || ? || '@example.com' end,
				       'Head of Purchasing', 'Schmidtstadt', ?, 'LEAD'
				from generate_series(1, 300) g returning id
				""").params("Schmidt" + u, "Bulk" + u, u, big).query(Long.class).list();
		people.addAll(moved);
		Visibility anton = new Visibility(Visibility.Scope.OWN, repA, null);
		Visibility berta = new Visibility(Visibility.Scope.OWN, repB, null);
		assertThat(live("bulk" + u, anton)).hasSize(294);
		assertThat(live("bulk" + u, berta)).isEmpty();

		accounts.update(big,
				TestData.withVersion(anAccount("Words Big " + u).owner(repB).build(), version("accounts", big)),
				Visibility.all());

		assertThat(jdbc.sql("select count(*) from contacts where account_id = ? and access_owner_id = ?")
			.params(big, repB)
			.query(Long.class)
			.single()).isEqualTo(300);
		assertSameAsTheContacts();
		assertThat(live("bulk" + u, anton)).isEmpty();
		assertThat(live("bulk" + u, berta)).hasSize(294);
		// (names spelled alike, such as "schmidt…" of the same test, may follow the
		// word's hits)
		assertThat(found("bulk" + u, anton)).doesNotContainAnyElementsOf(moved);
		assertThat(found("bulk" + u, berta)).hasSize(20).isSubsetOf(moved);
		// Greta (account A, Anton's) and Hugo (account B, Berta's) share "schmidt…":
		// Anton still finds Greta by it, and none of the moved contacts.
		assertThat(found("greta schmidt" + u, anton)).first().isEqualTo(people.get(0));
		assertThat(found("schmidt" + u, anton)).doesNotContainAnyElementsOf(moved);

		long renamed = moved.get(moved.size() - 1);
		new TransactionTemplate(transactions).executeWithoutResult(tx -> {
			jdbc.sql("update accounts set owner_id = ? where id = ?").params(repA, big).update();
			jdbc.sql("update contacts set last_name = ? where id = ?").params("Schmitz" + u, renamed).update();
			jdbc.sql("update accounts set owner_id = null where id = ?").param(big).update();
		});
		assertSameAsTheContacts();
		assertThat(found("schmitz" + u, berta)).first().isEqualTo(renamed);
		assertThat(live("bulk" + u, anton)).hasSize(294);
	}

	@Test
	void deletedMergedAndErasedContactsLeaveNoWords() {
		jdbc.sql("delete from contacts where id = ?").param(people.get(3)).update();
		assertSameAsTheContacts();

		merges.merge(
				new MergeCommand(RecordType.CONTACT, people.get(0), version(people.get(0)),
						List.of(new MergeCommand.Merged(people.get(1), version(people.get(1)))), Map.of()),
				Visibility.all());
		assertSameAsTheContacts();
		long accountC = accounts.create(anAccount("Words C " + u).build());
		long carl = contacts.create(contact("Carl", "Schmidt" + u, null, accountC));
		people.add(carl);
		merges.merge(
				new MergeCommand(RecordType.ACCOUNT, accountA, version("accounts", accountA),
						List.of(new MergeCommand.Merged(accountC, version("accounts", accountC))), Map.of()),
				Visibility.all());
		assertSameAsTheContacts();

		privacy.erase(new DataSubject(people.get(2), null, null, "Ida", "Müller-Schmidt" + u, List.of()),
				"Ida Müller-Schmidt" + u);
		assertSameAsTheContacts();
		assertThat(found("schmidt" + u, Visibility.all())).containsExactlyInAnyOrder(people.get(0), carl);
	}

	@Test
	void aFullNameIsFoundBehindHundredsOfNamesakesBeforeItInNameOrder() {
		jdbc.sql("""
				insert into contacts (first_name, last_name, account_id, lifecycle_stage)
				select 'Aa' || lpad(g::text, 3, '0'), ?, ?, 'LEAD' from generate_series(1, 250) g
				""").params("Schmidt" + u, accountA).update();
		long zoe = contacts.create(contact("Zoe", "Schmidt" + u, null, accountA));
		Visibility repAsView = new Visibility(Visibility.Scope.OWN, repA, null);

		// Several words: Zoe first, as the words found her (names spelled alike may
		// follow); one word: the true first 20 by name, of the rep's and nobody's.
		assertThat(search.search("zoe schmidt" + u, repAsView, 20).contacts()).extracting(SearchHit::id)
			.first()
			.isEqualTo(zoe);
		assertThat(search.search("schmidt" + u, repAsView, 20).contacts()).extracting(SearchHit::title)
			.hasSize(20)
			.contains("Aa001 Schmidt" + u, "Aa002 Schmidt" + u)
			.doesNotContain("Zoe Schmidt" + u);
	}

	/**
	 * Thousands of contacts sharing words, updated and deleted in one statement each:
	 * their links stay exactly their words, and the words no contact has any more (a last
	 * name all of them lost, the addresses replaced, then all of their words) are gone
	 * after each statement.
	 */
	@Test
	void oneStatementUpdatingOrDeletingThousandsOfContactsSharingAWordLeavesNoWordBehind() {
		jdbc.sql("""
				insert into contacts (first_name, last_name, email, account_id, owner_id, lifecycle_stage)
				select 'Kai' || g, ?, 'kai' || g || '.' || ? || '@example.com',
				       case when g % 2 = 0 then ? end, ?, 'LEAD'
				from generate_series(1, 3000) g
				""").params("Bulk" + u, u, accountA, repB).update();
		List<Long> bulk = jdbc.sql("select id from contacts where last_name = ?")
			.param("Bulk" + u)
			.query(Long.class)
			.list();
		assertThat(bulk).hasSize(3000);
		people.addAll(bulk);
		Long[] ids = bulk.toArray(Long[]::new);
		assertSameAsTheContacts();
		// One statement: every other renamed, every third a new address and owner.
		jdbc.sql("""
				update contacts set last_name = case when id % 2 = 0 then ? else last_name end,
				       email = case when id % 3 = 0 then 'neu' || id || '.' || ? || '@example.org' else email end,
				       owner_id = case when id % 3 = 0 then ? else owner_id end
				where id = any(?)
				""").params("Ausfuhr" + u, u, repA, ids).update();
		assertSameAsTheContacts();
		assertNoWordWithoutAContact();
		assertThat(wordsLike("kai%." + u + "@example.com")).as("addresses no contact has any more")
			.isEqualTo(bulk.stream().filter(id -> id % 3 != 0).count());
		jdbc.sql("update contacts set last_name = ? where id = any(?)").params("Ausfuhr" + u, ids).update();
		assertSameAsTheContacts();
		assertThat(wordsLike("bulk" + u)).as("a last name all of them lost").isZero();
		assertThat(wordsLike("ausfuhr" + u)).isOne();
		jdbc.sql("delete from contacts where id = any(?)").param(ids).update();
		people.removeAll(bulk);
		assertSameAsTheContacts();
		assertNoWordWithoutAContact();
		assertThat(wordsLike("ausfuhr" + u) + wordsLike("kai%." + u + "@example.com")
				+ wordsLike("neu%." + u + "@example.org"))
			.as("the words of the deleted contacts")
			.isZero();
	}

	private void assertNoWordWithoutAContact() {
		assertThat(jdbc.sql("""
				select count(*) from search_words w
				where w.word like ? and not exists (select 1 from contact_search_words l where l.word_id = w.id)
				""").param("%" + u + "%").query(Long.class).single()).as("words no contact has").isZero();
	}

	private long wordsLike(String pattern) {
		return jdbc.sql("select count(*) from search_words where word like ?")
			.param(pattern)
			.query(Long.class)
			.single();
	}

	/**
	 * The links of this test's contacts are exactly their words, owners and names, and
	 * the search box finds, for each visibility and a word, a prefix and a misspelling,
	 * what the full-text query and the rule over the contacts find.
	 */
	private void assertSameAsTheContacts() {
		List<String> links = jdbc.sql("""
				select w.word || '|' || l.owner_key || '|' || l.sort_name || '|' || l.contact_id
				from contact_search_words l join search_words w on w.id = l.word_id
				where l.contact_id = any(?) order by 1
				""").param(people.toArray(Long[]::new)).query(String.class).list();
		List<String> words = jdbc.sql("""
				select x.w || '|' || coalesce(c.access_owner_id, 0) || '|' || c.sort_name || '|' || c.id
				from contacts c cross join unnest(tsvector_to_array(c.search)) x(w)
				where c.id = any(?) order by 1
				""").param(people.toArray(Long[]::new)).query(String.class).list();
		assertThat(links).isEqualTo(words);
		for (Visibility visibility : List.of(Visibility.all(), new Visibility(Visibility.Scope.OWN, repA, null),
				new Visibility(Visibility.Scope.OWN, repB, null))) {
			for (String typed : List.of("schmidt" + u, "schmidt" + u.substring(0, 5), "müller-schmidt" + u,
					"greta schmidt" + u, "jan schmidtstadt")) {
				// The words' hits first, as the full text finds them; misspellings may
				// follow.
				List<Long> byFullText = live(typed, visibility);
				List<Long> found = found(typed, visibility);
				assertThat(found.subList(0, Math.min(byFullText.size(), found.size())))
					.as("%s for %s", typed, visibility)
					.isEqualTo(byFullText);
			}
		}
	}

	/** This test's contacts the search box finds, in its order. */
	private List<Long> found(String typed, Visibility visibility) {
		return search.search(typed, visibility, 20)
			.contacts()
			.stream()
			.map(SearchHit::id)
			.filter(people::contains)
			.toList();
	}

	/** This test's contacts the full-text query finds among those the user may see. */
	private List<Long> live(String typed, Visibility visibility) {
		String owners = visibility.scope() == Visibility.Scope.ALL ? "true"
				: "coalesce(c.access_owner_id, 0) in (0, " + visibility.userId() + ")";
		return jdbc.sql("""
				select c.id from contacts c
				where c.id = any(?) and c.search @@ to_tsquery('simple', ?) and %s
				order by c.sort_name, c.id
				""".formatted(owners))
			.params(people.toArray(Long[]::new), org.opencrm.core.shared.TextQuery.prefix(typed))
			.query(Long.class)
			.list();
	}

	private long version(long contactId) {
		return version("contacts", contactId);
	}

	private long version(String table, long id) {
		return jdbc.sql("select version from " + table + " where id = ?").param(id).query(Long.class).single();
	}

}
