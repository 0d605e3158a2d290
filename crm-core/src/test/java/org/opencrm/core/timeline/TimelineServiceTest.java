package org.opencrm.core.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencrm.core.TestData.account;
import static org.opencrm.core.TestData.contact;
import static org.opencrm.core.TestData.unique;
import static org.opencrm.core.timeline.InteractionKind.CALL;
import static org.opencrm.core.timeline.InteractionKind.MEETING;
import static org.opencrm.core.timeline.InteractionKind.NOTE;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.Visibility;
import org.opencrm.core.account.AccountService;
import org.opencrm.core.contact.ContactLookup;
import org.opencrm.core.contact.ContactLookup;
import org.opencrm.core.contact.ContactService;
import org.opencrm.core.shared.NotFoundException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest
class TimelineServiceTest {

	static final Instant MONDAY = Instant.parse("2031-03-03T09:00:00Z");

	@Autowired
	TimelineService timeline;

	@Autowired
	AccountService accounts;

	@Autowired
	ContactService contacts;

	@Autowired
	ContactLookup lookup;

	@Autowired
	ContactLookup contactLookup;

	@Autowired
	JdbcClient jdbc;

	@Test
	void anEntryForAContactAlsoShowsOnItsAccountsTimeline() {
		String u = unique();
		long account = accounts.create(account("Timeline Co " + u));
		long person = contacts.create(contact("Tim", "Line" + u, null, account));

		long entry = timeline.log(RecordInteraction.logged(CALL, MONDAY, null, person, "Intro call", "Went well"),
				Visibility.all());

		assertThat(timeline.forAccount(account, null, null, 10).items()).singleElement().satisfies(e -> {
			assertThat(e.id()).isEqualTo(entry);
			assertThat(e.accountId()).isEqualTo(account);
			assertThat(e.accountName()).isEqualTo("Timeline Co " + u);
			assertThat(e.contactId()).isEqualTo(person);
			assertThat(e.contactName()).isEqualTo("Tim Line" + u);
			assertThat(e.kind()).isEqualTo(CALL);
			assertThat(e.occurredAt()).isEqualTo(MONDAY);
			assertThat(e.sourceModule()).isEqualTo("core");
		});
		assertThat(timeline.forContact(person, null, null, 10).items()).extracting(TimelineEntry::id)
			.containsExactly(entry);
	}

	@Test
	void theTimelineShowsTheNewestEntryFirstWhateverTheOrderTheyWereRecordedIn() {
		long person = contacts.create(contact("Order", "Ly" + unique(), null, null));
		long middle = timeline.log(note(person, MONDAY.plusSeconds(3600)), Visibility.all());
		long newest = timeline.log(note(person, MONDAY.plusSeconds(7200)), Visibility.all());
		long oldest = timeline.log(note(person, MONDAY), Visibility.all());

		assertThat(timeline.forContact(person, null, null, 10).items()).extracting(TimelineEntry::id)
			.containsExactly(newest, middle, oldest);
	}

	@Test
	void theTimelineCanBeNarrowedToSomeKinds() {
		long account = accounts.create(account("Kinds " + unique()));
		long call = timeline.log(RecordInteraction.logged(CALL, MONDAY, account, null, "Call", null), Visibility.all());
		long meeting = timeline.log(
				RecordInteraction.logged(MEETING, MONDAY.plusSeconds(60), account, null, "Meet", null),
				Visibility.all());
		timeline.log(RecordInteraction.logged(NOTE, MONDAY.plusSeconds(120), account, null, "Note", null),
				Visibility.all());

		assertThat(timeline.forAccount(account, List.of(CALL, MEETING), null, 10).items()).extracting(TimelineEntry::id)
			.containsExactly(meeting, call);
		assertThat(timeline.forAccount(account, List.of(), null, 10).items()).hasSize(3);
	}

	@Test
	void loadingMoreContinuesWhereThePageEndedWithoutGapsOrRepeats() {
		long person = contacts.create(contact("Load", "More" + unique(), null, null));
		for (int i = 0; i < 12; i++) {
			// Pairs share a time, so the id has to break ties for the cursor to be exact.
			timeline.log(note(person, MONDAY.plusSeconds(60L * (i / 2))), Visibility.all());
		}
		List<Long> all = timeline.forContact(person, null, null, 100).items().stream().map(TimelineEntry::id).toList();

		List<Long> loaded = new ArrayList<>();
		var page = timeline.forContact(person, null, null, 5);
		loaded.addAll(page.items().stream().map(TimelineEntry::id).toList());
		List<Integer> sizes = new ArrayList<>(List.of(page.items().size()));
		while (page.hasNext()) {
			page = timeline.forContact(person, null, page.nextCursor(), 5);
			loaded.addAll(page.items().stream().map(TimelineEntry::id).toList());
			sizes.add(page.items().size());
		}

		assertThat(all).hasSize(12);
		assertThat(sizes).containsExactly(5, 5, 2);
		assertThat(loaded).doesNotHaveDuplicates().containsExactlyElementsOf(all);
		assertThat(page.total()).isNull();
	}

	@Test
	void recordingAnEntryMovesTheContactsLastActivityForwardOnly() {
		long person = contacts.create(contact("Last", "Activity" + unique(), null, null));
		assertThat(contactLookup.details(person, Visibility.all()).lastActivityAt()).isNull();

		timeline.log(note(person, MONDAY), Visibility.all());
		assertThat(contactLookup.details(person, Visibility.all()).lastActivityAt()).isEqualTo(MONDAY);

		timeline.log(note(person, MONDAY.minusSeconds(86_400)), Visibility.all());
		assertThat(contactLookup.details(person, Visibility.all()).lastActivityAt()).isEqualTo(MONDAY);

		timeline.log(note(person, MONDAY.plusSeconds(86_400)), Visibility.all());
		assertThat(contactLookup.details(person, Visibility.all()).lastActivityAt())
			.isEqualTo(MONDAY.plusSeconds(86_400));
	}

	@Test
	void anEntryForAnUnknownContactIsRefusedAndNothingIsWritten() {
		long before = jdbc.sql("select count(*) from interactions").query(Long.class).single();

		assertThatThrownBy(() -> timeline.log(note(999_999_999L, MONDAY), Visibility.all()))
			.isInstanceOf(NotFoundException.class);

		assertThat(jdbc.sql("select count(*) from interactions").query(Long.class).single()).isEqualTo(before);
	}

	@Test
	void anEntryForAnUnknownAccountIsRefused() {
		assertThatThrownBy(() -> timeline.log(RecordInteraction.logged(NOTE, MONDAY, 999_999_999L, null, "x", null),
				Visibility.all()))
			.isInstanceOf(NotFoundException.class);
	}

	@Test
	void anEntryMustBelongToAnAccountOrAContact() {
		assertThatThrownBy(() -> RecordInteraction.logged(NOTE, MONDAY, null, null, "Orphan", null))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("account or a contact");
	}

	@Test
	void manyEntriesAtOnceAreWhatOneAtATimeWritesInOrderAndAllOrNothing() {
		String u = unique();
		long account = accounts.create(account("Batch Co " + u));
		long withAccount = contacts.create(contact("Bat", "Ch" + u, null, account));
		long alone = contacts.create(contact("Al", "One" + u, null, null));
		RecordInteraction first = new RecordInteraction(InteractionKind.CAMPAIGN, MONDAY, null, withAccount,
				TimelineText.of("timeline.campaign.sent", "Spring"), TimelineText.quote("Hello"), "marketing",
				"campaign:1");
		RecordInteraction second = new RecordInteraction(InteractionKind.CAMPAIGN, MONDAY.plusSeconds(60), null, alone,
				TimelineText.of("timeline.campaign.sent", "Spring"), null, "marketing", "campaign:1");
		RecordInteraction third = new RecordInteraction(InteractionKind.CAMPAIGN, MONDAY.minusSeconds(60), null,
				withAccount, TimelineText.of("timeline.campaign.sent", "Autumn"), null, "marketing", "campaign:2");

		List<Long> ids = timeline.recordAll(List.of(first, second, third));

		assertThat(ids).hasSize(3).doesNotHaveDuplicates();
		long single = timeline.record(first);
		String row = "select kind, occurred_at, account_id, contact_id, subject, subject_key, subject_args::text, body, "
				+ "body_key, body_args::text, source_module, source_ref, author_id from interactions where id = ?";
		assertThat(jdbc.sql(row).param(ids.get(0)).query().listOfRows())
			.isEqualTo(jdbc.sql(row).param(single).query().listOfRows());
		assertThat(timeline.forAccount(account, null, null, 10).items()).extracting(TimelineEntry::id)
			.contains(ids.get(0), ids.get(2))
			.doesNotContain(ids.get(1));
		assertThat(timeline.forContact(alone, null, null, 10).items()).extracting(TimelineEntry::id)
			.containsExactly(ids.get(1));
		assertThat(jdbc.sql("select source_ref from interactions where id = ?")
			.param(ids.get(2))
			.query(String.class)
			.single()).isEqualTo("campaign:2");
		assertThat(lookup.details(withAccount, Visibility.all()).lastActivityAt()).isEqualTo(MONDAY);
		assertThat(lookup.details(alone, Visibility.all()).lastActivityAt()).isEqualTo(MONDAY.plusSeconds(60));

		long before = jdbc.sql("select count(*) from interactions").query(Long.class).single();
		RecordInteraction unknown = new RecordInteraction(InteractionKind.CAMPAIGN, MONDAY, null, 999_999_999L,
				TimelineText.of("timeline.campaign.sent", "Spring"), null, "marketing", "campaign:1");
		assertThatThrownBy(() -> timeline.recordAll(List.of(second, unknown))).isInstanceOf(NotFoundException.class);
		assertThatThrownBy(
				() -> timeline.recordAll(List.of(second,
						new RecordInteraction(InteractionKind.NOTE, MONDAY, null, alone,
								TimelineText.quote("Plain words"), null, "marketing", null))))
			.isInstanceOf(IllegalArgumentException.class);
		assertThat(jdbc.sql("select count(*) from interactions").query(Long.class).single()).isEqualTo(before);
	}

	private static RecordInteraction note(long contactId, Instant at) {
		return RecordInteraction.logged(NOTE, at, null, contactId, "Note at " + at, null);
	}

	@Test
	void aSystemFlowWritesAMessageKeyNeverItsOwnEnglish() {
		long person = contacts.create(contact("Key", "Only" + unique(), null, null));
		long before = jdbc.sql("select count(*) from interactions").query(Long.class).single();

		// A writer that composes a sentence is refused, whichever way it tries.
		assertThatThrownBy(() -> timeline.record(new RecordInteraction(InteractionKind.DEAL, MONDAY, null, person,
				TimelineText.quote("Deal Big moved to Won"), null, "sales", null)))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> TimelineText.of("Deal Big moved to Won")).isInstanceOf(IllegalArgumentException.class);
		assertThat(jdbc.sql("select count(*) from interactions").query(Long.class).single()).isEqualTo(before);

		long id = timeline.record(new RecordInteraction(InteractionKind.DEAL, MONDAY, null, person,
				TimelineText.of("timeline.deal.moved", "Big", "Won"), null, "sales", null));
		assertThat(jdbc.sql("select subject, subject_key, subject_args::text from interactions where id = ?")
			.param(id)
			.query((rs, n) -> java.util.Arrays.asList(rs.getString(1), rs.getString(2), rs.getString(3)))
			.single()).containsExactly(null, "timeline.deal.moved", "[{\"text\": \"Big\"}, {\"text\": \"Won\"}]");
	}

	@Test
	void anEntryFromBeforeKeysKeepsItsStoredText() {
		long person = contacts.create(contact("Old", "Row" + unique(), null, null));
		jdbc.sql("""
				insert into interactions (kind, occurred_at, contact_id, subject, body, source_module)
				values ('DEAL', ?, ?, 'Deal Old moved to Won', '100.00 EUR · 100 %', 'sales')
				""").params(java.sql.Timestamp.from(MONDAY), person).update();

		assertThat(timeline.forContact(person, null, null, 10).items()).singleElement().satisfies(e -> {
			assertThat(e.subject()).isEqualTo("Deal Old moved to Won");
			assertThat(e.body()).isEqualTo("100.00 EUR · 100 %");
			assertThat(e.subjectKey()).isNull();
		});
	}

}
