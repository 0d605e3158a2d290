package org.opencrm.core.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencrm.core.TestData.account;
import static org.opencrm.core.TestData.contact;
import static org.opencrm.core.TestData.withVersion;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.Visibility;
import org.opencrm.core.account.AccountService;
import org.opencrm.core.audit.AuditEntry;
import org.opencrm.core.audit.AuditTrail;
import org.opencrm.core.shared.CappedCount;
import org.opencrm.core.shared.LifecycleStage;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.StaleEditException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest
class ContactServiceTest {

	@Autowired
	ContactService contacts;

	@Autowired
	ContactLookup contactLookup;

	@Autowired
	ContactList contactList;

	@Autowired
	AccountService accounts;

	@Autowired
	AuditTrail audit;

	@Autowired
	JdbcClient jdbc;

	@Test
	void sameEmailAnywhereIsADuplicate() {
		long acme = accounts.create(account("Dup Email Corp"));
		contacts.create(contact("Jane", "Doe", "jane.dupe@example.com", acme));

		var matches = contactLookup.findDuplicates("JANE.DUPE@example.com ", "Someone", "Else", null, null,
				Visibility.all());

		assertThat(matches).singleElement().satisfies(m -> {
			assertThat(m.reason()).isEqualTo("email");
			assertThat(m.accountName()).isEqualTo("Dup Email Corp");
		});
	}

	@Test
	void similarNameAtTheSameAccountIsADuplicateButNotAtAnotherAccount() {
		long globex = accounts.create(account("Globex Trigram"));
		long other = accounts.create(account("Initech Trigram"));
		contacts.create(contact("Jonathan", "Smithers", null, globex));

		assertThat(contactLookup.findDuplicates(null, "Jonathon", "Smithers", globex, null, Visibility.all()))
			.singleElement()
			.satisfies(m -> assertThat(m.reason()).isEqualTo("name"));
		assertThat(contactLookup.findDuplicates(null, "Jonathon", "Smithers", other, null, Visibility.all())).isEmpty();
		assertThat(contactLookup.findDuplicates(null, "Maria", "Lopez", globex, null, Visibility.all())).isEmpty();
	}

	@Test
	void anEditOnAStaleCopyConflictsAndChangesNothing() {
		long id = contacts.create(contact("Stale", "Edit", "stale@example.com", null));
		contacts.update(id, withVersion(contact("Stale", "Edited", "stale@example.com", null), 0), Visibility.all());

		assertThatThrownBy(
				() -> contacts.update(id, withVersion(contact("Lost", "Update", null, null), 0), Visibility.all()))
			.isInstanceOf(StaleEditException.class);
		assertThat(contactLookup.details(id, Visibility.all()).lastName()).isEqualTo("Edited");
		assertThat(contactLookup.details(id, Visibility.all()).version()).isEqualTo(1);
	}

	@Test
	void eachChangedFieldIsInTheAuditTrail() {
		long id = contacts.create(contact("Audit", "Me", "audit@example.com", null));
		contacts.update(id, withVersion(contact("Audit", "Changed", "audit.new@example.com", null), 0),
				Visibility.all());

		List<AuditEntry> history = audit.history("contact", id, 10);
		assertThat(history).extracting(AuditEntry::action).containsExactlyInAnyOrder("CREATE", "UPDATE", "UPDATE");
		assertThat(history).filteredOn(e -> "lastName".equals(e.field())).singleElement().satisfies(e -> {
			assertThat(e.oldValue()).isEqualTo("Me");
			assertThat(e.newValue()).isEqualTo("Changed");
		});
	}

	@Test
	void aContactAtAnUnknownAccountIsRefusedAndNothingIsWritten() {
		long before = jdbc.sql("select count(*) from contacts").query(Long.class).single();
		assertThatThrownBy(() -> contacts.create(contact("No", "Account", null, 999_999L)))
			.isInstanceOf(NotFoundException.class);
		assertThat(jdbc.sql("select count(*) from contacts").query(Long.class).single()).isEqualTo(before);
	}

	@Test
	void theListWalksForwardAndBackByKeysetWithoutGapsOrRepeats() {
		long acct = accounts.create(account("Keyset Paging GmbH"));
		for (int i = 0; i < 23; i++) {
			contacts.create(contact("P" + i, "Pager", null, acct));
		}
		ContactFilter filter = ContactFilter.ofAccount(acct);
		List<Long> seen = new ArrayList<>();
		var page = contactList.list(filter, null, 10);
		assertThat(page.total().value()).isEqualTo(23);
		assertThat(page.hasPrevious()).isFalse();
		seen.addAll(page.items().stream().map(ContactRow::id).toList());
		var second = contactList.list(filter, page.nextCursor(), 10);
		seen.addAll(second.items().stream().map(ContactRow::id).toList());
		var third = contactList.list(filter, second.nextCursor(), 10);
		seen.addAll(third.items().stream().map(ContactRow::id).toList());

		assertThat(third.items()).hasSize(3);
		assertThat(third.hasNext()).isFalse();
		assertThat(seen).hasSize(23).doesNotHaveDuplicates();
		var back = contactList.list(filter, third.previousCursor(), 10);
		assertThat(back.items()).extracting(ContactRow::id)
			.isEqualTo(second.items().stream().map(ContactRow::id).toList());
		assertThat(back.hasNext()).isTrue();
		assertThat(back.hasPrevious()).isTrue();
	}

	@Test
	void aCallerIsFoundByPhoneDigitsOrEmail() {
		var cmd = contact("Call", "Centre", "call.centre@example.com", null);
		long id = contacts
			.create(new ContactCommand(cmd.firstName(), cmd.lastName(), null, cmd.email(), "+49 (30) 555-12 34", null,
					null, null, null, null, null, cmd.lifecycleStage(), null, List.of(), false, false, 0));

		assertThat(contactLookup.findByPhoneOrEmail("4930555 1234")).contains(id);
		assertThat(contactLookup.findByPhoneOrEmail("Call.Centre@example.com")).contains(id);
		assertThat(contactLookup.findByPhoneOrEmail("123")).isEmpty();
	}

	@Test
	void aContactWithABadEmailOrCountryIsRefusedOnItsFieldAndNothingIsWritten() {
		long before = jdbc.sql("select count(*) from contacts").query(Long.class).single();
		assertThatThrownBy(() -> contacts.create(contact("No", "Domain", "no@domain", null)))
			.isInstanceOfSatisfying(RuleViolationException.class, ex -> assertThat(ex.field()).isEqualTo("email"));
		ContactCommand atlantis = new ContactCommand("Ann", "Atlantis", null, null, null, null, null, null, null,
				"Atlantis", null, LifecycleStage.LEAD, null, List.of(), false, false, 0);
		assertThatThrownBy(() -> contacts.create(atlantis)).isInstanceOfSatisfying(RuleViolationException.class,
				ex -> assertThat(ex.field()).isEqualTo("country"));
		assertThat(jdbc.sql("select count(*) from contacts").query(Long.class).single()).isEqualTo(before);

		long id = contacts.create(contact("Kept", "Asis", "kept@Asis.Example", null));
		assertThatThrownBy(() -> contacts.update(id, withVersion(contact("Changed", "Asis", "broken@", null), 0),
				Visibility.all()))
			.isInstanceOf(RuleViolationException.class);
		var kept = contactLookup.details(id, Visibility.all());
		assertThat(kept.firstName()).isEqualTo("Kept");
		assertThat(kept.email()).isEqualTo("kept@asis.example");
		assertThat(kept.version()).isZero();
	}

	@Test
	void aRecordPagesContactSectionCountsUpToTheHeadingCapWhileTheListCountsOn() {
		long big = accounts.create(account("Many People GmbH"));
		jdbc.sql("""
				insert into contacts (account_id, first_name, last_name, lifecycle_stage)
				select :account, 'Person', 'No ' || g, 'CUSTOMER' from generate_series(1, :n) g
				""").param("account", big).param("n", CappedCount.HEADING_CAP + 1).update();
		ContactFilter ofAccount = ContactFilter.ofAccount(big);

		var section = contactList.section(ofAccount, 5);
		var list = contactList.list(ofAccount, null, 5);

		assertThat(section.total()).isEqualTo(new CappedCount(CappedCount.HEADING_CAP, true));
		assertThat(section.items()).hasSize(5);
		assertThat(list.total()).isEqualTo(new CappedCount(CappedCount.HEADING_CAP + 1, false));
	}

}
