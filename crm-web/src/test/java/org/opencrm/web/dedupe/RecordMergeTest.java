package org.opencrm.web.dedupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencrm.core.dedupe.MergeCommand;
import org.opencrm.core.dedupe.MergePreview;
import org.opencrm.core.dedupe.RecordMergeService;
import org.opencrm.core.dedupe.RecordType;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.StaleEditException;
import org.opencrm.core.user.Visibility;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Merging people and companies (issue 11 item 2): everything that refers to a merged
 * record moves to the survivor — checked against the schema itself, so a table added
 * later that the merge forgets fails here — collisions resolve, the chosen values win,
 * and a stale version or a broken rule merges nothing.
 */
@WebIntegrationTest
class RecordMergeTest {

	@Autowired
	RecordMergeService merges;

	@Autowired
	JdbcClient jdbc;

	MergeFixtures data;

	@Autowired
	void fixtures(JdbcClient jdbc) {
		data = new MergeFixtures(jdbc);
	}

	private static MergeCommand merge(RecordType type, long survivor, long survivorVersion, long merged,
			long mergedVersion, Map<String, Long> fields) {
		return new MergeCommand(type, survivor, survivorVersion,
				List.of(new MergeCommand.Merged(merged, mergedVersion)), fields);
	}

	@Test
	void mergingARichlyConnectedPersonLeavesNoReferenceToThemInAnyTable() {
		long account = data.account("Merge Schema " + MergeFixtures.unique());
		long survivor = data.contact("Ada", "Schema", "ada.schema@merge.example", account);
		long merged = data.contact("Ada", "Schemaa", "ada.s@merge.example", account);
		data.connectPerson(merged, account, survivor);
		List<String> references = data.referencesTo("contacts", "contact_id");
		assertThat(references).as("the scan finds the references to people")
			.contains("tickets.contact_id", "segment_members.contact_id", "engagements.contact_id");
		List<String> unfilled = references.stream().filter(r -> data.rowsHolding(r, merged) == 0).toList();
		assertThat(unfilled)
			.as("columns referring to people that MergeFixtures.connectPerson doesn't fill: fill them there, and move"
					+ " them in the owning module's RecordMerge")
			.isEmpty();
		long timeline = data.count("select count(*) from interactions where contact_id in (?, ?)", survivor, merged);

		merges.merge(merge(RecordType.CONTACT, survivor, 0, merged, 0, Map.of()), Visibility.all());

		List<String> left = references.stream().filter(r -> data.rowsHolding(r, merged) > 0).toList();
		assertThat(left).as("columns still referring to the merged person").isEmpty();
		assertThat(data.count("select count(*) from contacts where id = ?", merged)).isZero();
		assertThat(data.count("select count(*) from interactions where contact_id = ?", survivor))
			.as("both timelines, and the merge's own line")
			.isEqualTo(timeline + 1);
		assertThat(data.count("select count(*) from segment_members where contact_id = ?", survivor))
			.as("one membership where both were members")
			.isEqualTo(1);
		assertThat(data.count("select count(*) from sequence_enrolments where contact_id = ?", survivor)).isEqualTo(1);
		assertThat(data.count("select count(*) from users where contact_id = ?", survivor))
			.as("the portal sign-in moved")
			.isEqualTo(1);
		assertThat(data.count("select count(*) from email_sends where campaign_id is not null and contact_id = ?",
				survivor))
			.as("one send of the campaign per person")
			.isEqualTo(1);
	}

	@Test
	void mergingARichlyConnectedCompanyLeavesNoReferenceToItInAnyTable() {
		long survivor = data.account("Merge Company " + MergeFixtures.unique());
		long merged = data.account("Merge Company Dup " + MergeFixtures.unique());
		data.connectCompany(merged, survivor);
		jdbc.sql("insert into account_service_tiers (account_id, tier) values (?, 'STANDARD')")
			.param(survivor)
			.update();
		List<String> references = data.referencesTo("accounts", "account_id");
		assertThat(references).as("the scan finds the references to companies")
			.contains("contacts.account_id", "opportunities.partner_account_id", "campaign_attributions.account_id");
		List<String> unfilled = references.stream().filter(r -> data.rowsHolding(r, merged) == 0).toList();
		assertThat(unfilled)
			.as("columns referring to companies that MergeFixtures.connectCompany doesn't fill: fill them there, and"
					+ " move them in the owning module's RecordMerge")
			.isEmpty();

		merges.merge(merge(RecordType.ACCOUNT, survivor, 0, merged, 0, Map.of()), Visibility.all());

		assertThat(references.stream().filter(r -> data.rowsHolding(r, merged) > 0).toList())
			.as("columns still referring to the merged company")
			.isEmpty();
		assertThat(data.count("select count(*) from accounts where id = ?", merged)).isZero();
		assertThat(data.count("select count(*) from contacts where account_id = ?", survivor)).isEqualTo(1);
		assertThat(data.count("select count(*) from partners where account_id = ?", survivor))
			.as("the survivor became the partner the deal was made through")
			.isEqualTo(1);
		assertThat(jdbc.sql("select tier from account_service_tiers where account_id = ?")
			.param(survivor)
			.query(String.class)
			.single()).as("the survivor's own tier stays").isEqualTo("STANDARD");
		assertThat(data.count("select count(*) from audit_log where entity_type = 'contact' and field = 'accountId'"
				+ " and new_value = ?", Long.toString(survivor)))
			.as("the moved person's field history")
			.isEqualTo(1);
	}

	@Test
	void theChosenValuesWinTagsAreUnitedAndTheSurvivorsHistorySaysMergedFrom() {
		long survivor = data.contact("Bea", "Chosen", "bea@old.example", null);
		long merged = data.contact("Beatrice", "Chosen", "bea@new.example", null);
		jdbc.sql("update contacts set tags = '{vip}', phone = null where id = ?").param(survivor).update();
		jdbc.sql("update contacts set tags = '{fair}', phone = '+49 40 555' where id = ?").param(merged).update();
		Map<String, Long> fields = new LinkedHashMap<>();
		fields.put("email", merged);

		merges.merge(merge(RecordType.CONTACT, survivor, 0, merged, 0, fields), Visibility.all());

		var row = jdbc
			.sql("select first_name, email, phone, array_to_string(tags, ',') as tags from contacts where id = ?")
			.param(survivor)
			.query()
			.singleRow();
		assertThat(row.get("first_name")).as("the survivor's own, not asked for").isEqualTo("Bea");
		assertThat(row.get("email")).as("asked for").isEqualTo("bea@new.example");
		assertThat(row.get("phone")).as("the survivor had none").isEqualTo("+49 40 555");
		assertThat((String) row.get("tags")).contains("vip", "fair");
		assertThat(jdbc.sql("""
				select field || '=' || new_value from audit_log
				where entity_type = 'contact' and entity_id = ? and action = 'MERGE' order by id""")
			.param(survivor)
			.query(String.class)
			.list()).contains("mergedFrom=#" + merged, "email=bea@new.example");
		assertThat(data.count("select count(*) from merged_records where record_type = 'contact' and merged_id = ?"
				+ " and survivor_id = ?", merged, survivor))
			.isEqualTo(1);
	}

	@Test
	void theMergePreviewShowsEachValueTheDefaultPicksAndWhatMoves() {
		long survivor = data.contact("Cleo", "Preview", null, null);
		long merged = data.contact("Cleo", "Preview", "cleo@preview.example", null);
		data.ticket(merged, null);
		data.ticket(merged, null);

		MergePreview preview = merges.preview(RecordType.CONTACT, List.of(survivor, merged), Visibility.all());

		assertThat(preview.defaults()).containsEntry("email", merged).containsEntry("firstName", survivor);
		assertThat(preview.records().get(1).moves()).containsEntry("tickets", 2L);
		assertThat(preview.survivor().moves()).doesNotContainKey("tickets");
	}

	@Test
	void aStaleVersionMergesNothing() {
		long survivor = data.contact("Dan", "Stale", null, null);
		long merged = data.contact("Dan", "Stale", null, null);
		data.ticket(merged, null);
		jdbc.sql("update contacts set version = 3 where id = ?").param(merged).update();

		assertThatThrownBy(
				() -> merges.merge(merge(RecordType.CONTACT, survivor, 0, merged, 2, Map.of()), Visibility.all()))
			.isInstanceOf(StaleEditException.class);

		assertThat(data.count("select count(*) from contacts where id = ?", merged)).isEqualTo(1);
		assertThat(data.count("select count(*) from tickets where contact_id = ?", merged)).isEqualTo(1);
		assertThat(data.version("contacts", survivor)).isZero();
	}

	@Test
	void requestsThatCantBeAMergeAreRefusedBeforeAnythingIsWritten() {
		long a = data.contact("Eve", "Bad", null, null);
		long b = data.contact("Eve", "Bad", null, null);
		Visibility all = Visibility.all();

		assertThatThrownBy(() -> merges.merge(new MergeCommand(RecordType.CONTACT, a, 0, List.of(), Map.of()), all))
			.isInstanceOf(RuleViolationException.class)
			.hasFieldOrPropertyWithValue("code", "merge.tooFew");
		assertThatThrownBy(() -> merges.merge(merge(RecordType.CONTACT, a, 0, a, 0, Map.of()), all))
			.hasFieldOrPropertyWithValue("code", "merge.sameTwice");
		assertThatThrownBy(() -> merges.merge(merge(RecordType.CONTACT, a, 0, b, 0, Map.of("password", a)), all))
			.hasFieldOrPropertyWithValue("code", "merge.unknownField");
		assertThatThrownBy(() -> merges.merge(merge(RecordType.CONTACT, a, 0, b, 0, Map.of("email", 1L)), all))
			.hasFieldOrPropertyWithValue("code", "merge.fieldSource");
		assertThatThrownBy(() -> merges.merge(merge(RecordType.CONTACT, a, 0, Long.MAX_VALUE, 0, Map.of()), all))
			.isInstanceOf(NotFoundException.class);
		assertThat(data.count("select count(*) from contacts where id in (?, ?)", a, b)).isEqualTo(2);
	}

	@Test
	void aRepsOwnVisibilityHidesOthersRecordsAsNotFound() {
		long rep = data.userId("rep");
		long rep2 = data.userId("rep2");
		long mine = data.contact("Fay", "Mine", null, null);
		long theirs = data.contact("Fay", "Theirs", null, null);
		jdbc.sql("update contacts set owner_id = ? where id = ?").params(rep, mine).update();
		jdbc.sql("update contacts set owner_id = ? where id = ?").params(rep2, theirs).update();

		assertThatThrownBy(() -> merges.merge(merge(RecordType.CONTACT, mine, 0, theirs, 0, Map.of()),
				new Visibility(Visibility.Scope.OWN, rep, null)))
			.isInstanceOf(NotFoundException.class);
		assertThat(data.count("select count(*) from contacts where id = ?", theirs)).isEqualTo(1);
	}

	@Test
	void twoPeopleWithAPortalSignInEachAreNotMergedSilently() {
		long a = data.contact("Gus", "Portal", null, null);
		long b = data.contact("Gus", "Portal", null, null);
		for (long person : List.of(a, b)) {
			jdbc.sql("insert into users (username, full_name, password_hash, role, contact_id)"
					+ " values (?, 'Gus', 'x', 'CUSTOMER', ?)")
				.params("gus-" + MergeFixtures.unique(), person)
				.update();
		}

		assertThatThrownBy(() -> merges.merge(merge(RecordType.CONTACT, a, 0, b, 0, Map.of()), Visibility.all()))
			.hasFieldOrPropertyWithValue("code", "merge.portalLogins");
		assertThat(data.count("select count(*) from contacts where id = ?", b)).isEqualTo(1);
	}

}
