package org.opencrm.core.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencrm.core.TestData.account;
import static org.opencrm.core.TestData.anAccount;
import static org.opencrm.core.TestData.contact;
import static org.opencrm.core.TestData.unique;
import static org.opencrm.core.TestData.user;
import static org.opencrm.core.TestData.withVersion;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.Visibility;
import org.opencrm.core.audit.AuditTrail;
import org.opencrm.core.contact.ContactService;
import org.opencrm.core.shared.CappedCount;
import org.opencrm.core.shared.LifecycleStage;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.StaleEditException;
import org.opencrm.core.timeline.InteractionKind;
import org.opencrm.core.timeline.RecordInteraction;
import org.opencrm.core.timeline.TimelineService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest
class AccountServiceTest {

	@Autowired
	AccountService accounts;

	@Autowired
	ContactService contacts;

	@Autowired
	TimelineService timeline;

	@Autowired
	AuditTrail audit;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aCreatedAccountReadsBackWithItsTagsAndOwnerName() {
		String u = unique();
		long owner = user(jdbc, "owner-" + u, "Olivia Owner " + u);

		long id = accounts.create(anAccount("Round Trip " + u).domain("roundtrip-" + u + ".example")
			.stage(LifecycleStage.CUSTOMER)
			.owner(owner)
			.tags("vip", "emea")
			.build());

		AccountDetails details = accounts.details(id, Visibility.all());
		assertThat(details.name()).isEqualTo("Round Trip " + u);
		assertThat(details.domain()).isEqualTo("roundtrip-" + u + ".example");
		assertThat(details.lifecycleStage()).isEqualTo(LifecycleStage.CUSTOMER);
		assertThat(details.ownerId()).isEqualTo(owner);
		assertThat(details.ownerName()).isEqualTo("Olivia Owner " + u);
		assertThat(details.tags()).containsExactly("vip", "emea");
		assertThat(details.contactCount()).isZero();
		assertThat(details.version()).isZero();
		assertThat(details.createdAt()).isNotNull().isEqualTo(details.updatedAt());
	}

	@Test
	void anAccountWithTheSameDomainIsADuplicate() {
		String u = unique();
		long id = accounts.create(anAccount("Domain Holder " + u).domain("dup-" + u + ".example").build());

		var matches = accounts.findDuplicates("Something Else Entirely", " DUP-" + u + ".Example ", null,
				Visibility.all());

		assertThat(matches).singleElement().satisfies(m -> {
			assertThat(m.id()).isEqualTo(id);
			assertThat(m.reason()).isEqualTo("domain");
		});
	}

	@Test
	void aSimilarNameIsADuplicateButAnUnrelatedOneIsNot() {
		String u = unique();
		long id = accounts.create(account("Stark Industrial Holdings " + u));

		var similar = accounts.findDuplicates("stark industrial holding " + u, null, null, Visibility.all());
		var unrelated = accounts.findDuplicates("Pemberton Ferries Glasgow", null, null, Visibility.all());
		var itself = accounts.findDuplicates("Stark Industrial Holdings " + u, null, id, Visibility.all());

		assertThat(similar).filteredOn(m -> m.id() == id)
			.singleElement()
			.satisfies(m -> assertThat(m.reason()).isEqualTo("name"));
		assertThat(unrelated).extracting(AccountMatch::id).doesNotContain(id);
		assertThat(itself).extracting(AccountMatch::id).doesNotContain(id);
	}

	@Test
	void anEditOnAStaleCopyConflictsAndChangesNothing() {
		String u = unique();
		long id = accounts.create(account("Stale " + u));
		accounts.update(id, withVersion(account("Stale Edited " + u), 0), Visibility.all());
		int historyBefore = audit.history("account", id, 100).size();

		assertThatThrownBy(() -> accounts.update(id, withVersion(account("Lost Update " + u), 0), Visibility.all()))
			.isInstanceOf(StaleEditException.class);

		AccountDetails details = accounts.details(id, Visibility.all());
		assertThat(details.name()).isEqualTo("Stale Edited " + u);
		assertThat(details.version()).isEqualTo(1);
		assertThat(audit.history("account", id, 100)).hasSize(historyBefore);
	}

	@Test
	void anAccountWithContactsCannotBeDeletedButCanOnceTheyAreGone() {
		String u = unique();
		long id = accounts.create(account("Delete Me " + u));
		long person = contacts.create(contact("Last", "Person", null, id));
		timeline.log(RecordInteraction.logged(InteractionKind.NOTE, Instant.now(), id, null, "About the company", null),
				Visibility.all());

		assertThatThrownBy(() -> accounts.delete(id, 0, Visibility.all()))
			.isInstanceOfSatisfying(AccountHasContactsException.class, ex -> assertThat(ex.contacts()).isEqualTo(1));
		assertThat(accounts.details(id, Visibility.all()).name()).isEqualTo("Delete Me " + u);

		contacts.delete(person, 0, Visibility.all());
		accounts.delete(id, 0, Visibility.all());

		assertThatThrownBy(() -> accounts.details(id, Visibility.all())).isInstanceOf(NotFoundException.class);
		assertThat(
				jdbc.sql("select count(*) from interactions where account_id = ?").param(id).query(Long.class).single())
			.isZero();
	}

	@Test
	void theListNarrowsByStageOwnerTagAndWordPrefixes() {
		String u = unique();
		long alice = user(jdbc, "alice-" + u, "Alice " + u);
		long bob = user(jdbc, "bob-" + u, "Bob " + u);
		String tag = "tag-" + u;
		long globex = accounts
			.create(anAccount("Globex " + u).stage(LifecycleStage.CUSTOMER).owner(alice).tags(tag, "emea").build());
		long initech = accounts
			.create(anAccount("Initech " + u).stage(LifecycleStage.LEAD).owner(bob).tags(tag).build());
		long umbrella = accounts.create(anAccount("Umbrella " + u).stage(LifecycleStage.CUSTOMER).owner(bob).build());

		assertThat(ids(new AccountFilter(null, null, null, tag, null))).containsExactly(globex, initech);
		assertThat(ids(new AccountFilter(null, alice, null, null, null))).containsExactly(globex);
		assertThat(ids(new AccountFilter(null, bob, LifecycleStage.CUSTOMER, null, null))).containsExactly(umbrella);
		assertThat(ids(new AccountFilter(null, bob, LifecycleStage.LEAD, null, null))).containsExactly(initech);
		assertThat(ids(new AccountFilter("glob", null, null, tag, null))).containsExactly(globex);
		assertThat(ids(new AccountFilter("GLOB " + u.substring(0, 4), null, null, null, null))).containsExactly(globex);
		assertThat(ids(new AccountFilter("umbr", alice, null, null, null))).isEmpty();
	}

	@Test
	void theNewestFirstListWalksByKeysetWithoutGapsOrRepeats() {
		String tag = "newest-" + unique();
		List<Long> created = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			created.add(accounts.create(anAccount("Newest " + i + " " + tag).tags(tag).build()));
		}
		AccountFilter filter = new AccountFilter(null, null, null, tag, AccountFilter.Sort.NEWEST);

		List<Long> seen = new ArrayList<>();
		var page = accounts.list(filter, null, 3);
		assertThat(page.total()).isEqualTo(new CappedCount(7, false));
		int pages = 1;
		seen.addAll(page.items().stream().map(AccountRow::id).toList());
		while (page.hasNext()) {
			page = accounts.list(filter, page.nextCursor(), 3);
			seen.addAll(page.items().stream().map(AccountRow::id).toList());
			pages++;
		}

		List<Long> newestFirst = new ArrayList<>(created);
		Collections.reverse(newestFirst);
		assertThat(pages).isEqualTo(3);
		assertThat(seen).doesNotHaveDuplicates().containsExactlyElementsOf(newestFirst);
	}

	@Test
	void aListPastTheCapCountsOnlyUpToIt() {
		String tag = "capped-" + unique();
		// Ten thousand rows through the service would take minutes; one INSERT takes a
		// moment.
		jdbc.sql("""
				insert into accounts (name, lifecycle_stage, tags)
				select 'Capped ' || g, 'LEAD', array[:tag] from generate_series(1, :n) g
				""").param("tag", tag).param("n", CappedCount.CAP + 1).update();

		var page = accounts.list(new AccountFilter(null, null, null, tag, null), null, 20);

		assertThat(page.total()).isEqualTo(new CappedCount(CappedCount.CAP, true));
		assertThat(page.items()).hasSize(20);
		assertThat(page.hasNext()).isTrue();
	}

	private List<Long> ids(AccountFilter filter) {
		return accounts.list(filter, null, 50).items().stream().map(AccountRow::id).toList();
	}

	@Test
	void anAccountKeepsItsCountryAsItsIsoCodeAndRefusesOneThatIsNone() {
		String name = "Coded Country " + unique();
		long id = accounts.create(account(name));
		assertThat(accounts.details(id, Visibility.all()).country()).isEqualTo("Germany");

		long before = jdbc.sql("select count(*) from accounts").query(Long.class).single();
		AccountCommand atlantis = new AccountCommand("Atlantis " + unique(), null, null, null, "info@atlantis.example",
				null, null, "Poseidonia", null, "Atlantis", LifecycleStage.LEAD, null, List.of(), 0);
		assertThatThrownBy(() -> accounts.create(atlantis)).isInstanceOfSatisfying(RuleViolationException.class,
				ex -> assertThat(ex.code()).isEqualTo("address.country.unknown"));
		assertThat(jdbc.sql("select count(*) from accounts").query(Long.class).single()).isEqualTo(before);
	}

}
