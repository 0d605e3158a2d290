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
 * Merging people, companies and leads (issue 11 item 2): everything that refers to a
 * merged record moves to the survivor — checked against the schema itself, so a table
 * added later that the merge forgets fails here — collisions resolve, the chosen values
 * win, and a stale version or a broken rule merges nothing.
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
	void mergingARichlyConnectedLeadLeavesNoReferenceToItInAnyTable() {
		long survivor = data.lead("Lena", "Schema", "lena.schema@lead.example", "Schema GmbH");
		long merged = data.lead("Lena", "Schemaa", "lena.s@lead.example", "Schema GmbH");
		data.connectLead(merged, survivor, 30, false);
		List<String> references = data.referencesTo("leads", "lead_id");
		assertThat(references).as("the scan finds the references to leads")
			.contains("lead_activities.lead_id", "opportunities.lead_id", "scored_leads.lead_id",
					"campaign_leads.lead_id", "lead_duplicate_dismissals.lead_low");
		List<String> unfilled = references.stream().filter(r -> data.rowsHolding(r, merged) == 0).toList();
		assertThat(unfilled)
			.as("columns referring to leads that MergeFixtures.connectLead doesn't fill: fill them there, and move"
					+ " them in the owning module's RecordMerge (moveLead)")
			.isEmpty();
		assertThat(leadRefs(merged)).as("the task and notification about the lead").isEqualTo(2);

		merges.merge(merge(RecordType.LEAD, survivor, 0, merged, 0, Map.of()), Visibility.all());

		assertThat(references.stream().filter(r -> data.rowsHolding(r, merged) > 0).toList())
			.as("columns still referring to the merged lead")
			.isEmpty();
		assertThat(leadRefs(merged)).as("tasks and notifications still about the merged lead").isZero();
		assertThat(leadRefs(survivor)).isEqualTo(2);
		assertThat(data.count("select count(*) from leads where id = ?", merged)).isZero();
		assertThat(data.count("select count(*) from lead_activities where lead_id = ? and kind = 'CALL'", survivor))
			.isEqualTo(1);
		assertThat(data.count("select count(*) from lead_activities where lead_id = ? and kind = 'MERGE'", survivor))
			.as("the merge noted on the survivor")
			.isEqualTo(1);
		assertThat(data.count("select count(*) from scored_leads where lead_id = ? and score = 30", survivor))
			.as("one scoring row: the higher score's, the default pick")
			.isEqualTo(1);
		assertThat(data.count("select score from leads where id = ?", survivor)).isEqualTo(30);
		assertThat(data.count("select count(*) from campaign_leads where lead_id = ?", survivor))
			.as("one campaign lead where both were")
			.isEqualTo(1);
		assertThat(data.count("select count(*) from merged_records where record_type = 'lead' and merged_id = ?"
				+ " and survivor_id = ?", merged, survivor))
			.isEqualTo(1);
	}

	private long leadRefs(long lead) {
		return data.count("select count(*) from tasks where related_ref = ?", "lead:" + lead)
				+ data.count("select count(*) from notifications where record_type = 'lead' and record_id = ?", lead);
	}

	@Test
	void aLeadKeepsTheChosenStatusOwnerScoreAndExternalId() {
		long rep = data.userId("rep");
		long rep2 = data.userId("rep2");
		String u = MergeFixtures.unique();
		long survivor = data.lead("Mia", "Chosen", null, "Chosen AG");
		long merged = data.lead("Mia", "Chosen", "mia@chosen.example", "Chosen AG");
		jdbc.sql("update leads set owner_id = ?, score = 10 where id = ?").params(rep, survivor).update();
		jdbc.sql("""
				update leads set owner_id = ?, status = 'DISQUALIFIED', disqualified_reason = 'No budget', score = 55,
				  mql = true, external_id = ? where id = ?""").params(rep2, "EXT-" + u, merged).update();
		Map<String, Long> fields = new LinkedHashMap<>();
		fields.put("status", merged);
		fields.put("ownerId", merged);
		fields.put("externalId", merged);
		fields.put("score", survivor);

		merges.merge(merge(RecordType.LEAD, survivor, 0, merged, 0, fields), Visibility.all());

		var row = jdbc.sql("""
				select email, status, disqualified_reason, owner_id, external_id, score, mql from leads where id = ?""")
			.param(survivor)
			.query()
			.singleRow();
		assertThat(row.get("email")).as("the survivor had none").isEqualTo("mia@chosen.example");
		assertThat(row.get("status")).isEqualTo("DISQUALIFIED");
		assertThat(row.get("disqualified_reason")).isEqualTo("No budget");
		assertThat(((Number) row.get("owner_id")).longValue()).isEqualTo(rep2);
		assertThat(row.get("external_id")).as("taken over from the deleted lead").isEqualTo("EXT-" + u);
		assertThat(((Number) row.get("score")).intValue()).as("asked for: the survivor's").isEqualTo(10);
		assertThat(row.get("mql")).isEqualTo(false);
		assertThat(jdbc.sql("""
				select field || '=' || coalesce(new_value, '') from audit_log
				where entity_type = 'lead' and entity_id = ? and action = 'MERGE' order by id""")
			.param(survivor)
			.query(String.class)
			.list()).contains("mergedFrom=#" + merged, "status=DISQUALIFIED", "ownerId=" + rep2);
	}

	@Test
	void aConvertedLeadIsNeitherPreviewedNorMergedAndNothingChanges() {
		long account = data.account("Converted Co " + MergeFixtures.unique());
		long contact = data.contact("Ned", "Converted", null, account);
		long open = data.lead("Ned", "Converted", "ned@converted.example", "Converted Co");
		long converted = data.lead("Ned", "Converted", "ned@converted.example", "Converted Co");
		jdbc.sql("""
				update leads set status = 'CONVERTED', converted_account_id = ?, converted_contact_id = ?,
				  converted_at = now() where id = ?""").params(account, contact, converted).update();
		jdbc.sql("insert into lead_activities (lead_id, kind, subject, occurred_at) values (?, 'NOTE', 'x', now())")
			.param(open)
			.update();

		assertThatThrownBy(() -> merges.preview(RecordType.LEAD, List.of(open, converted), Visibility.all()))
			.hasFieldOrPropertyWithValue("code", "merge.lead.converted");
		assertThatThrownBy(
				() -> merges.merge(merge(RecordType.LEAD, open, 0, converted, 0, Map.of()), Visibility.all()))
			.hasFieldOrPropertyWithValue("code", "merge.lead.converted");
		assertThatThrownBy(
				() -> merges.merge(merge(RecordType.LEAD, converted, 0, open, 0, Map.of()), Visibility.all()))
			.as("not as the survivor either")
			.hasFieldOrPropertyWithValue("code", "merge.lead.converted");

		assertThat(data.count("select count(*) from leads where id in (?, ?)", open, converted)).isEqualTo(2);
		assertThat(data.count("select count(*) from lead_activities where lead_id = ?", open)).isEqualTo(1);
	}

	@Test
	void theLeadMergePreviewShowsWhatMovesAndDefaultsToTheStrongerScore() {
		long survivor = data.lead("Ola", "Preview", null, null);
		long merged = data.lead("Ola", "Preview", "ola@preview.example", null);
		jdbc.sql("update leads set score = 70, mql = true where id = ?").param(merged).update();
		jdbc.sql("insert into lead_activities (lead_id, kind, subject, occurred_at) values (?, 'NOTE', 'x', now())")
			.param(merged)
			.update();

		MergePreview preview = merges.preview(RecordType.LEAD, List.of(survivor, merged), Visibility.all());

		assertThat(preview.defaults()).containsEntry("email", merged)
			.containsEntry("score", merged)
			.containsEntry("status", survivor);
		assertThat(preview.records().get(1).moves()).containsEntry("activities", 1L);
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
