package org.opencrm.core.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencrm.core.TestData.anAccount;
import static org.opencrm.core.TestData.contact;
import static org.opencrm.core.TestData.unique;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencrm.core.TestData;
import org.opencrm.core.contact.ContactService;
import org.opencrm.core.dedupe.MergeCommand;
import org.opencrm.core.dedupe.RecordMergeService;
import org.opencrm.core.dedupe.RecordType;
import org.opencrm.core.search.GlobalSearch;
import org.opencrm.core.search.SearchHit;
import org.opencrm.core.shared.TextQuery;
import org.opencrm.core.user.Visibility;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An account of more than 500 contacts changing hands: the owner change itself returns
 * without touching a contact and queues the account; {@link AccountOwnerMoves} (driven by
 * hand here, parked in the test context) then moves every contact and search-word link in
 * batches to the owner the account has when each batch runs, resumes after a failed
 * batch, never puts back a contact that left the account, and a second owner change
 * supersedes the first. Accounts of at most 500 contacts move theirs in the same
 * transaction, as before.
 */
@SpringBootTest
class AccountOwnerMovesTest {

	/** Small batches, so a test of about a thousand contacts takes several. */
	static final int BATCH = 500;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AccountService accounts;

	@Autowired
	ContactService contacts;

	@Autowired
	AccountOwnerMoves moves;

	@Autowired
	GlobalSearch search;

	@Autowired
	RecordMergeService merges;

	@Autowired
	PlatformTransactionManager transactionManager;

	String u;

	long repA;

	long repB;

	long repC;

	Visibility anton;

	Visibility berta;

	final List<Long> people = new ArrayList<>();

	@BeforeEach
	void reps() {
		u = unique();
		repA = TestData.user(jdbc, "moves-a-" + u, "Anton " + u);
		repB = TestData.user(jdbc, "moves-b-" + u, "Berta " + u);
		repC = TestData.user(jdbc, "moves-c-" + u, "Carla " + u);
		anton = new Visibility(Visibility.Scope.OWN, repA, null);
		berta = new Visibility(Visibility.Scope.OWN, repB, null);
		// Other tests' moves queued in the shared database are worked off first, so the
		// batches below are this test's.
		moves.moveAll();
	}

	/**
	 * The journey of {@code ContactSearchWordsTest.anAccountOfManyContactsChangingHands…}
	 * at 1,200 contacts: the form's change returns with the account moved and its
	 * contacts not yet; the page says they are on their way; the job moves all of them
	 * and their links in batches; then the search shows them to the new owner only, and
	 * the words they share with another account's contact keep that contact's links.
	 */
	@Test
	void aLargeAccountChangesHandsAtOnceAndTheJobMovesEveryContactLinkAndWhoSeesThem() {
		long greta = contacts.create(contact("Greta", "Schmidt" + u, "greta." + u + "@example.com",
				accounts.create(anAccount("Moves A " + u).owner(repA).build())));
		people.add(greta);
		long big = accounts.create(anAccount("Moves Big " + u).owner(repA).build());
		List<Long> moved = bulk(big, 1200);
		assertThat(live("bulk" + u, anton)).hasSize(1176);

		accounts.update(big, TestData.withVersion(anAccount("Moves Big " + u).owner(repB).build(), version(big)),
				Visibility.all());

		// The account is Berta's at once; its contacts wait for the job, untouched.
		assertThat(accounts.header(big, berta).ownerId()).isEqualTo(repB);
		assertThat(accounts.header(big, berta).contactsMoved()).isZero();
		assertThat(owners(big)).containsExactly(repA + "=1200");
		assertThat(queued(big)).isEqualTo(repB + "|0|0");
		assertThat(jdbc.sql("""
				select old_value || ' → ' || new_value from audit_log
				where entity_type = 'account' and entity_id = ? and field = 'ownerId'
				""").param(big).query(String.class).list()).containsExactly(repA + " → " + repB);
		assertLinksFollowTheContacts();
		assertThat(live("bulk" + u, anton)).hasSize(1176);
		assertThat(live("bulk" + u, berta)).isEmpty();

		assertThat(moves.moveBatch(BATCH)).isTrue();
		assertThat(owners(big)).containsExactly(repA + "=700", repB + "=500");
		assertThat(queued(big)).isEqualTo(repB + "|" + moved.get(BATCH - 1) + "|500");
		assertThat(accounts.header(big, berta).contactsMoved()).isEqualTo(500);
		assertLinksFollowTheContacts();
		int batches = 1;
		while (moves.moveBatch(BATCH)) {
			batches++;
		}
		// Three of 500, and the one that found none left and removed the queue row.
		assertThat(batches).isEqualTo(4);
		assertThat(queued(big)).isNull();
		assertThat(accounts.header(big, berta).contactsMoved()).isNull();
		assertThat(owners(big)).containsExactly(repB + "=1200");
		assertThat(jdbc.sql("select count(*) from audit_log where entity_type = 'contact' and entity_id = any(?)")
			.param(moved.toArray(Long[]::new))
			.query(Long.class)
			.single()).as("contacts' history: the move is the account's").isZero();
		assertLinksFollowTheContacts();
		assertThat(live("bulk" + u, anton)).isEmpty();
		assertThat(live("bulk" + u, berta)).hasSize(1176);
		assertThat(found("bulk" + u, anton)).doesNotContainAnyElementsOf(moved);
		assertThat(found("bulk" + u, berta)).hasSize(20).isSubsetOf(moved);
		assertThat(found("greta schmidt" + u, anton)).first().isEqualTo(greta);
		assertThat(found("schmidt" + u, anton)).doesNotContainAnyElementsOf(moved);
		assertThat(found("schmidt" + u, berta)).hasSize(20).isSubsetOf(moved);
	}

	/**
	 * A second owner change while the first is under way replaces the queued move: the
	 * job starts again from the first contact and moves every one to the latest owner,
	 * read from the account (not the value queued).
	 */
	@Test
	void aSecondOwnerChangeSupersedesTheFirst() {
		long big = accounts.create(anAccount("Moves Twice " + u).owner(repA).build());
		bulk(big, 1200);
		giveTo(big, repB);
		assertThat(moves.moveBatch(BATCH)).isTrue();
		assertThat(owners(big)).containsExactly(repA + "=700", repB + "=500");

		giveTo(big, repC);
		assertThat(queued(big)).isEqualTo(repC + "|0|0");
		// What is queued is only a note: the batches read the account.
		jdbc.sql("update account_owner_moves set owner_id = ? where account_id = ?").params(repB, big).update();
		moves.moveAll();

		assertThat(queued(big)).isNull();
		assertThat(owners(big)).containsExactly(repC + "=1200");
		assertLinksFollowTheContacts();
		assertThat(live("bulk" + u, new Visibility(Visibility.Scope.OWN, repC, null))).hasSize(1176);
		assertThat(live("bulk" + u, berta)).isEmpty();
	}

	/**
	 * Contacts that leave the queued account before or after their batch keep the owner
	 * of the account they went to; one that joins it, or whose own owner changes, has the
	 * account's new owner at once.
	 */
	@Test
	void aContactMovedToAnotherAccountDuringTheMoveIsNeverPutBack() {
		long big = accounts.create(anAccount("Moves Leaving " + u).owner(repA).build());
		long small = accounts.create(anAccount("Moves Small " + u).owner(repC).build());
		List<Long> bigOnes = bulk(big, 1200);
		long newcomer = contacts.create(contact("Nora", "Neu" + u, null, small));
		people.add(newcomer);
		giveTo(big, repB);
		assertThat(moves.moveBatch(BATCH)).isTrue();

		long leftMoved = bigOnes.get(10);
		long leftWaiting = bigOnes.get(1100);
		long reOwned = bigOnes.get(1000);
		jdbc.sql("update contacts set account_id = ? where id = any(?)")
			.params(small, new Long[] { leftMoved, leftWaiting })
			.update();
		jdbc.sql("update contacts set account_id = ? where id = ?").params(big, newcomer).update();
		jdbc.sql("update contacts set owner_id = ? where id = ?").params(repA, reOwned).update();
		assertThat(accessOwner(leftMoved)).isEqualTo(repC);
		assertThat(accessOwner(leftWaiting)).isEqualTo(repC);
		assertThat(accessOwner(newcomer)).isEqualTo(repB);
		assertThat(accessOwner(reOwned)).isEqualTo(repB);

		moves.moveAll();

		assertThat(queued(big)).isNull();
		assertThat(owners(big)).containsExactly(repB + "=1199");
		assertThat(owners(small)).containsExactly(repC + "=2");
		assertLinksFollowTheContacts();
	}

	/**
	 * A batch that fails (here a contact's update refused by a trigger; a node dying does
	 * the same) leaves the batches before it committed and the queue row pointing after
	 * them; the next run goes on from there.
	 */
	@Test
	void aFailedBatchIsResumedAfterTheLastCommittedOne() {
		long big = accounts.create(anAccount("Moves Failing " + u).owner(repA).build());
		List<Long> bigOnes = bulk(big, 1200);
		giveTo(big, repB);
		String fail = "owner_move_test_fail_" + u.replaceAll("[^a-zA-Z0-9]", "");
		jdbc.sql("create function " + fail + "() returns trigger language plpgsql as $$ begin"
				+ " raise exception 'refused in a test'; end $$")
			.update();
		jdbc.sql("create trigger " + fail + " before update of access_owner_id on contacts for each row when (new.id = "
				+ bigOnes.get(700) + ") execute function " + fail + "()")
			.update();
		try {
			assertThat(moves.moveBatch(BATCH)).isTrue();
			assertThatThrownBy(() -> moves.moveBatch(BATCH)).isInstanceOf(DataAccessException.class)
				.hasMessageContaining("refused in a test");
			assertThat(owners(big)).containsExactly(repA + "=700", repB + "=500");
			assertThat(queued(big)).isEqualTo(repB + "|" + bigOnes.get(BATCH - 1) + "|500");
			assertLinksFollowTheContacts();
		}
		finally {
			jdbc.sql("drop trigger " + fail + " on contacts").update();
			jdbc.sql("drop function " + fail + "()").update();
		}
		moves.moveAll();
		assertThat(queued(big)).isNull();
		assertThat(owners(big)).containsExactly(repB + "=1200");
		assertLinksFollowTheContacts();
	}

	/**
	 * Two nodes: while one holds an account's move (its batch transaction open), the
	 * other finds nothing to do rather than waiting or doing it twice; an account whose
	 * owner is being changed right now is left for the next run, not waited for.
	 */
	@Test
	void aMoveOneNodeIsWorkingOrAnOwnerChangeInFlightIsSkippedNotWaitedFor() throws Exception {
		long big = accounts.create(anAccount("Moves Nodes " + u).owner(repA).build());
		bulk(big, 600);
		giveTo(big, repB);
		for (String lock : List.of("select 1 from account_owner_moves where account_id = ? for update",
				"select 1 from accounts where id = ? for no key update")) {
			CountDownLatch held = new CountDownLatch(1);
			CountDownLatch release = new CountDownLatch(1);
			CompletableFuture<Void> otherNode = CompletableFuture
				.runAsync(() -> new TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
					jdbc.sql(lock).param(big).query(Integer.class).single();
					held.countDown();
					await(release);
				}));
			try {
				assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
				assertThat(moves.moveBatch(BATCH)).as(lock).isFalse();
				assertThat(owners(big)).containsExactly(repA + "=600");
			}
			finally {
				release.countDown();
				otherNode.get(30, TimeUnit.SECONDS);
			}
		}
		moves.moveAll();
		assertThat(owners(big)).containsExactly(repB + "=600");
		assertThat(queued(big)).isNull();
	}

	/**
	 * Merging away an account whose contacts are still moving: the merge locks the
	 * accounts first, so it waits for the batch in flight (which holds the account row
	 * shared) instead of deadlocking with it on the contacts, then takes every contact,
	 * moved or not, to the survivor and its owner; the queued move goes with the merged
	 * account, and the job finds nothing left to do.
	 */
	@Test
	void aMergeDuringAMoveWaitsForTheBatchInFlightAndItsContactsTakeTheSurvivorsOwner() throws Exception {
		long big = accounts.create(anAccount("Moves Merged " + u).owner(repA).build());
		long survivor = accounts.create(anAccount("Moves Survivor " + u).owner(repC).build());
		List<Long> bigOnes = bulk(big, 1200);
		giveTo(big, repB);
		assertThat(moves.moveBatch(BATCH)).isTrue();
		assertThat(owners(big)).containsExactly(repA + "=700", repB + "=500");

		CountDownLatch inFlight = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<Boolean> batch = CompletableFuture
			.supplyAsync(() -> new TransactionTemplate(transactionManager).execute(tx -> {
				// What the job's batch holds until it commits: the account shared, its
				// next contacts moved.
				boolean claimed = moves.moveBatch(BATCH);
				inFlight.countDown();
				await(release);
				return claimed;
			}));
		CompletableFuture<Long> merge = null;
		try {
			assertThat(inFlight.await(30, TimeUnit.SECONDS)).isTrue();
			merge = CompletableFuture
				.supplyAsync(
						() -> merges.merge(
								new MergeCommand(RecordType.ACCOUNT, survivor, version(survivor),
										List.of(new MergeCommand.Merged(big, version(big))), Map.of()),
								Visibility.all()));
			awaitWaitingOnALock();
			assertThat(merge).isNotDone();
		}
		finally {
			release.countDown();
		}
		assertThat(batch.get(30, TimeUnit.SECONDS)).isTrue();
		assertThat(merge.get(30, TimeUnit.SECONDS)).isEqualTo(survivor);

		assertThat(jdbc.sql("select count(*) from accounts where id = ?").param(big).query(Long.class).single())
			.isZero();
		assertThat(queued(big)).isNull();
		assertThat(owners(survivor)).containsExactly(repC + "=1200");
		assertThat(jdbc.sql("select count(*) from contacts where id = any(?) and account_id = ?")
			.params(bigOnes.toArray(Long[]::new), survivor)
			.query(Long.class)
			.single()).isEqualTo(1200);
		assertThat(moves.moveBatch(BATCH)).isFalse();
		assertLinksFollowTheContacts();
	}

	/**
	 * Up to 500 contacts the owner change moves them itself, as before (and ends a move
	 * still queued from when the account was larger); from 501 it queues them.
	 */
	@Test
	void accountsOfAtMost500ContactsStillMoveThemInTheSameTransaction() {
		long account = accounts.create(anAccount("Moves Five Hundred " + u).owner(repA).build());
		bulk(account, 500);
		giveTo(account, repB);
		assertThat(queued(account)).isNull();
		assertThat(owners(account)).containsExactly(repB + "=500");
		assertThat(accounts.header(account, berta).contactsMoved()).isNull();
		assertLinksFollowTheContacts();

		people.add(contacts.create(contact("Ole", "Extra" + u, null, account)));
		giveTo(account, repC);
		assertThat(queued(account)).isEqualTo(repC + "|0|0");
		assertThat(owners(account)).containsExactly(repB + "=501");

		jdbc.sql("update contacts set account_id = null where id = any(?)")
			.param(people.subList(0, 200).toArray(Long[]::new))
			.update();
		giveTo(account, repA);
		assertThat(queued(account)).as("moved whole in the change, so no longer queued").isNull();
		assertThat(owners(account)).containsExactly(repA + "=301");
		assertLinksFollowTheContacts();
	}

	private List<Long> bulk(long account, int n) {
		List<Long> ids = jdbc.sql("""
				insert into contacts (first_name, last_name, email, title, city, account_id, lifecycle_stage)
				select 'Bo' || lpad(g::text, 4, '0'), case when g % 50 = 0 then ? else ? end,
				       case when g % 3 = 0 then 'bo' || g || '.' || ? || '@example.com' end,
				       'Head of Purchasing', 'Schmidtstadt', ?, 'LEAD'
				from generate_series(1, ?) g order by g returning id
				""").params("Schmidt" + u, "Bulk" + u, u, account, n).query(Long.class).list();
		people.addAll(ids);
		return ids.stream().sorted().toList();
	}

	private void giveTo(long account, long owner) {
		accounts.update(account,
				TestData.withVersion(anAccount(
						jdbc.sql("select name from accounts where id = ?").param(account).query(String.class).single())
					.owner(owner)
					.build(), version(account)),
				Visibility.all());
	}

	/** The deciding owners of the account's contacts, as "owner=count". */
	private List<String> owners(long account) {
		return jdbc.sql("""
				select coalesce(access_owner_id, 0) || '=' || count(*) from contacts where account_id = ?
				group by access_owner_id order by access_owner_id
				""").param(account).query(String.class).list();
	}

	/** The queue row as "owner|moved through|moved", or null. */
	private String queued(long account) {
		return jdbc.sql("""
				select owner_id || '|' || moved_through || '|' || moved
				from account_owner_moves where account_id = ?
				""").param(account).query(String.class).optional().orElse(null);
	}

	private Long accessOwner(long contact) {
		return jdbc.sql("select access_owner_id from contacts where id = ?").param(contact).query(Long.class).single();
	}

	/**
	 * The links of this test's contacts are exactly their words, deciding owners and
	 * names.
	 */
	private void assertLinksFollowTheContacts() {
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
		return jdbc.sql("""
				select c.id from contacts c
				where c.id = any(?) and c.search @@ to_tsquery('simple', ?)
				  and coalesce(c.access_owner_id, 0) in (0, ?)
				order by c.sort_name, c.id
				""")
			.params(people.toArray(Long[]::new), TextQuery.prefix(typed), visibility.userId())
			.query(Long.class)
			.list();
	}

	private long version(long account) {
		return jdbc.sql("select version from accounts where id = ?").param(account).query(Long.class).single();
	}

	/** Until the merge waits for its lock on the accounts. */
	private void awaitWaitingOnALock() throws InterruptedException {
		for (int i = 0; i < 300; i++) {
			if (jdbc.sql("""
					select count(*) from pg_stat_activity
					where datname = current_database() and wait_event_type = 'Lock'
					  and query like '%from accounts where id = any(%for update%'
					""").query(Long.class).single() > 0) {
				return;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("the merge did not wait for the accounts' lock within 30 s");
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
