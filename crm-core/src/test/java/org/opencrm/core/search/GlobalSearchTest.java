package org.opencrm.core.search;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.opencrm.core.TestData.account;
import static org.opencrm.core.TestData.contact;
import static org.opencrm.core.TestData.unique;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.opencrm.core.account.AccountService;
import org.opencrm.core.contact.ContactService;
import org.opencrm.test.SqlStatementCounter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@SpringBootTest
@Import(SqlStatementCounter.class)
class GlobalSearchTest {

	@Autowired
	GlobalSearch search;

	@Autowired
	AccountService accounts;

	@Autowired
	ContactService contacts;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theStartsOfWordsFindAccountsAndContacts() {
		String u = unique();
		long vandelay = accounts.create(account("Vandelay Importers " + u));
		long elaine = contacts.create(contact("Elaine", "Benes" + u, "elaine." + u + "@example.com", vandelay));

		SearchResults byAccount = search.search("vand IMP " + u.substring(0, 3), 10);
		SearchResults byContact = search.search("elai benes" + u.substring(0, 2), 10);

		assertThat(byAccount.accounts()).extracting(SearchHit::id).contains(vandelay);
		assertThat(byAccount.accounts()).filteredOn(h -> h.id() == vandelay)
			.singleElement()
			.satisfies(h -> assertThat(h.kind()).isEqualTo(SearchHit.Kind.ACCOUNT));
		assertThat(byContact.contacts()).filteredOn(h -> h.id() == elaine).singleElement().satisfies(h -> {
			assertThat(h.kind()).isEqualTo(SearchHit.Kind.CONTACT);
			assertThat(h.title()).isEqualTo("Elaine Benes" + u);
			assertThat(h.subtitle()).contains("Vandelay Importers " + u);
		});
	}

	@Test
	void aMisspelledNameStillFindsTheContact() {
		long id = contacts.create(contact("Bartholomew", "Quixotic", null, null));

		SearchResults results = search.search("Bartolomew Quixotik", 10);

		assertThat(results.contacts()).extracting(SearchHit::id).contains(id);
	}

	@Test
	void shmidtFindsSchmidtByTheLastNameAlone() {
		// Full names were compared whole: "shmidt" is only 0.33 like "greta schmidt", so
		// nobody was found. Now the nearest name part counts (0.71).
		long greta = contacts.create(contact("Greta", "Schmidt", null, null));
		long hugo = contacts.create(contact("Hugo", "Schmidt", null, null));

		assertThat(search.search("Shmidt", 10).contacts()).extracting(SearchHit::id).contains(greta, hugo);
		assertThat(search.search("greta shmidt", 10).contacts()).extracting(SearchHit::id).first().isEqualTo(greta);
	}

	@Test
	void aCommonWordStillFindsContactsInNameOrderAndNoneTwice() {
		String u = unique();
		List<Long> ids = new ArrayList<>();
		for (String first : List.of("Zora", "Anna", "Mia")) {
			ids.add(contacts.create(contact(first, "Commonname" + u, null, null)));
		}

		SearchResults results = search.search("commonname" + u, 10);

		assertThat(results.contacts()).extracting(SearchHit::title)
			.containsExactly("Anna Commonname" + u, "Mia Commonname" + u, "Zora Commonname" + u);
		assertThat(results.contacts()).extracting(SearchHit::id).doesNotHaveDuplicates();
	}

	@Test
	void aCommonWordFindsAccountsInNameOrderAndAMisspeltNameStillFindsTheAccount() {
		String u = unique();
		for (String first : List.of("Zenith", "Atlas", "Nord")) {
			accounts.create(account(first + " Commonworks" + u));
		}

		assertThat(search.search("commonworks" + u, 10).accounts()).extracting(SearchHit::title)
			.containsExactly("Atlas Commonworks" + u, "Nord Commonworks" + u, "Zenith Commonworks" + u);
		long quixotic = accounts.create(account("Quixotic Ferries " + u));
		assertThat(search.search("Quixotik Feries " + u, 10).accounts()).extracting(SearchHit::id).contains(quixotic);
	}

	@Test
	void anEmptyOrOneLetterQueryFindsNothing() {
		accounts.create(account("A One Letter Company " + unique()));
		contacts.create(contact("Ann", "Adams", "a@example.com", null));

		for (String typed : Arrays.asList(null, "", "   ", "a", " A ", "%")) {
			assertThat(search.search(typed, 10).isEmpty()).as("results for [%s]", typed).isTrue();
		}
		assertThat(search.search("an", 10).isEmpty()).as("two letters are a search").isFalse();
	}

	@Test
	void searchRunsWithCustomPlansSoRepeatedTrigramQueriesNeverTurnGeneric() {
		contacts.create(contact("Plan", "Cache" + unique(), null, null));

		String inside = transactions.execute(tx -> {
			// More than five runs: where a prepared statement would switch to a generic
			// plan.
			for (int i = 0; i < 7; i++) {
				search.search("plan cache", 10);
			}
			return currentPlanCacheMode();
		});
		String afterwards = transactions.execute(tx -> currentPlanCacheMode());

		assertThat(inside).isEqualTo("force_custom_plan");
		// SET LOCAL: the pooled connection goes back to the server default when the
		// transaction ends.
		assertThat(afterwards).isEqualTo("auto");
	}

	@Test
	void oneWordFoundOrMisspeltIsPlannedAsThePlanCacheLikesAndOnlyAnAddressForcesCustomPlans() {
		String u = unique();
		for (String first : List.of("Alba", "Berta", "Cora")) {
			accounts.create(account(first + " Wholeword" + u));
			contacts.create(contact(first, "Wholeword" + u, null, null));
		}

		String found = transactions.execute(tx -> {
			for (int i = 0; i < 7; i++) {
				// Two of each kind asked for, three there: no top-up.
				assertThat(search.search("wholeword" + u, 2).accounts()).extracting(SearchHit::title)
					.containsExactly("Alba Wholeword" + u, "Berta Wholeword" + u);
			}
			return currentPlanCacheMode() + " " + currentThreshold();
		});
		String misspelt = transactions.execute(tx -> {
			for (int i = 0; i < 7; i++) {
				assertThat(search.search("wholewrd" + u, 2).accounts()).extracting(SearchHit::title)
					.containsExactly("Alba Wholeword" + u, "Berta Wholeword" + u);
			}
			return currentPlanCacheMode() + " " + currentThreshold();
		});
		String address = transactions.execute(tx -> {
			search.search("wholewrd" + u + "@", 2);
			return currentPlanCacheMode() + " " + currentThreshold();
		});

		// The one-word statements read their words in word order, a misspelling's
		// nearest words from the name words' trigram index, on any plan: no plan cache
		// setting, only the thresholds the top-ups need.
		assertThat(found).isEqualTo("auto 0.6");
		assertThat(misspelt).isEqualTo("auto 0.5");
		// An address typed adds a trigram scan of every contact's address: planned per
		// run.
		assertThat(address).isEqualTo("force_custom_plan 0.5");
	}

	@Test
	void aMisspeltWordSendsItsSettingsInOneStatementAndReadsAddressesOnlyWhenOneWasTyped() {
		String u = unique();
		// An address with nothing of the name in it: found only by the address branch.
		String local = unique() + unique();
		long greta = contacts.create(contact("Greta", "Quendolyn" + u, local + "@x.io", null));

		SqlStatementCounter.reset();
		SearchResults misspelt = search.search("Quendolin" + u, 10);
		List<String> statements = SqlStatementCounter.statements();
		SqlStatementCounter.reset();
		SearchResults address = search.search(local + "q@", 10);
		List<String> addressStatements = SqlStatementCounter.statements();

		assertThat(misspelt.contacts()).extracting(SearchHit::id).containsExactly(greta);
		// The words and the top-up of each kind, and one statement of settings.
		assertThat(statements).hasSize(5);
		assertThat(statements).filteredOn(s -> s.contains("set_config"))
			.singleElement(as(InstanceOfAssertFactories.STRING))
			.doesNotContain("plan_cache_mode");
		assertThat(statements).noneMatch(s -> s.contains("lower(e.email)"));
		assertThat(address.contacts()).extracting(SearchHit::id).containsExactly(greta);
		assertThat(addressStatements).hasSize(5);
		assertThat(addressStatements).filteredOn(s -> s.contains("set_config"))
			.singleElement(as(InstanceOfAssertFactories.STRING))
			.contains("plan_cache_mode");
	}

	private String currentThreshold() {
		return jdbc.sql("select current_setting('pg_trgm.word_similarity_threshold')").query(String.class).single();
	}

	private String currentPlanCacheMode() {
		return jdbc.sql("select current_setting('plan_cache_mode')").query(String.class).single();
	}

}
