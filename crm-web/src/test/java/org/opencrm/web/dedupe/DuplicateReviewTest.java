package org.opencrm.web.dedupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.opencrm.web.Logins.as;
import static org.opencrm.web.PageStatements.statementsFor;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.opencrm.core.dedupe.BulkMerge;
import org.opencrm.core.dedupe.DuplicateScan;
import org.opencrm.core.dedupe.RecordType;
import org.opencrm.core.user.UserService;
import org.opencrm.sales.lead.LeadDuplicates;
import org.opencrm.sales.lead.LeadMatch;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The duplicate finder and its pages: the scan pairs people by e-mail (any case), phone
 * (digits, 00/+ alike) and a similar name at the same company, companies by web domain,
 * and leads by e-mail, phone and a similar name at a similar company (never a converted
 * one); "not a duplicate" sticks through the next scan; several pairs merge at once with
 * each outcome counted; the merge page merges with a value picked from the other record
 * and the merged record's old address leads to the survivor. Managers and admins only.
 */
@WebIntegrationTest
class DuplicateReviewTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	DuplicateScan scan;

	@Autowired
	LeadDuplicates leadDuplicates;

	@Autowired
	JdbcClient jdbc;

	MergeFixtures data;

	@Autowired
	void fixtures(JdbcClient jdbc) {
		data = new MergeFixtures(jdbc);
	}

	private Long candidate(String type, long a, long b) {
		return jdbc.sql("""
				select id from duplicate_candidates where record_type = ? and low_id = least(?::bigint, ?::bigint)
				  and high_id = greatest(?::bigint, ?::bigint)""")
			.params(type, a, b, a, b)
			.query(Long.class)
			.optional()
			.orElse(null);
	}

	private String reason(String type, long a, long b) {
		Long id = candidate(type, a, b);
		return id == null ? null
				: jdbc.sql("select reason from duplicate_candidates where id = ?")
					.param(id)
					.query(String.class)
					.single();
	}

	@Test
	void theScanPairsPeopleByEmailPhoneAndSimilarNameAndCompaniesByDomain() {
		String u = MergeFixtures.unique();
		long account = data.account("Scan Works " + u);
		long mail1 = data.contact("Hana", "Mail" + u, "hana." + u + "@scan.example", null);
		long mail2 = data.contact("Johanna", "Other" + u, "HANA." + u + "@Scan.example", null);
		long phone1 = data.contact("Ivo", "Phone" + u, null, null);
		long phone2 = data.contact("Yvo", "Fone" + u, null, null);
		String local = Long.toString(1_000_000 + Math.floorMod(u.hashCode(), 9_000_000));
		jdbc.sql("update contacts set phone = ? where id = ?").params("+49 40 " + local, phone1).update();
		jdbc.sql("update contacts set mobile = ? where id = ?").params("0049 (40) " + local, phone2).update();
		long name1 = data.contact("Jonathan", "Smithers" + u, null, account);
		long name2 = data.contact("Jonathon", "Smithers" + u, null, account);
		long elsewhere = data.contact("Jonathan", "Smithers" + u, null, null);
		long co1 = data.account("Domain One " + u);
		long co2 = data.account("Totally Different " + u);
		jdbc.sql("update accounts set domain = ? where id = ?").params("www." + u + ".example", co1).update();
		jdbc.sql("update accounts set domain = ? where id = ?").params("https://" + u + ".example/about", co2).update();

		assertThat(scan.run(RecordType.CONTACT)).isPositive();
		assertThat(scan.run(RecordType.ACCOUNT)).isPositive();

		assertThat(reason("contact", mail1, mail2)).isEqualTo("email");
		assertThat(reason("contact", phone1, phone2)).isEqualTo("phone");
		assertThat(reason("contact", name1, name2)).isEqualTo("name");
		assertThat(candidate("contact", name1, elsewhere)).as("a similar name alone, at no company").isNull();
		assertThat(reason("account", co1, co2)).isEqualTo("domain");
		assertThat(scan.status(RecordType.CONTACT).running()).isFalse();
		assertThat(scan.status(RecordType.CONTACT).finishedAt()).isNotNull();
	}

	@Test
	void theScanPairsLeadsByEmailPhoneAndSimilarNameAtASimilarCompanyButNeverConvertedOnes() {
		String u = MergeFixtures.unique();
		long mail1 = data.lead("Hanna", "Leadmail" + u, "hanna." + u + "@leads.example", null);
		long mail2 = data.lead("Johanna", "Other" + u, " HANNA." + u + "@Leads.example", null);
		long phone1 = data.lead("Ivo", "Leadphone" + u, null, null);
		long phone2 = data.lead("Yvo", "Fon" + u, null, null);
		String local = Long.toString(1_000_000 + Math.floorMod(u.hashCode(), 9_000_000));
		jdbc.sql("update leads set phone = ? where id = ?").params("+49 30 " + local, phone1).update();
		jdbc.sql("update leads set phone = ? where id = ?").params("0049 (30) " + local, phone2).update();
		long name1 = data.lead("Jonathan", "Leadsmithers" + u, null, "Acme Widgets " + u);
		long name2 = data.lead("Jonathon", "Leadsmithers" + u, null, "ACME Widgets " + u + " Ltd");
		long noCompany = data.lead("Jonathan", "Leadsmithers" + u, null, null);
		long converted = data.lead("Hanna", "Leadmail" + u, "hanna." + u + "@leads.example", null);
		long account = data.account("Converted " + u);
		jdbc.sql("""
				update leads set status = 'CONVERTED', converted_account_id = ?, converted_at = now(),
				  converted_contact_id = ? where id = ?""")
			.params(account, data.contact("Hanna", "Leadmail" + u, null, account), converted)
			.update();

		assertThat(scan.run(RecordType.LEAD)).isPositive();

		assertThat(reason("lead", mail1, mail2)).isEqualTo("email");
		assertThat(reason("lead", phone1, phone2)).isEqualTo("phone");
		assertThat(reason("lead", name1, name2)).isEqualTo("name");
		assertThat(candidate("lead", name1, noCompany)).as("a similar name alone, at no company").isNull();
		assertThat(candidate("lead", mail1, converted)).as("a converted lead is merged as its person").isNull();
		assertThat(scan.status(RecordType.LEAD).finishedAt()).isNotNull();
	}

	@Test
	void leadPairsAreListedDismissedAndBulkMergedAndAMergedLeadsPageLeadsToTheSurvivor() throws Exception {
		String u = MergeFixtures.unique();
		long a = data.lead("Kai", "Leadtwin" + u, "kai." + u + "@leadtwins.example", null);
		long b = data.lead("Kai", "Leadtwin" + u, "kai." + u + "@leadtwins.example", null);
		long c = data.lead("Lia", "Leadtwin" + u, "lia." + u + "@leadtwins.example", null);
		long d = data.lead("Lia", "Leadtwin" + u, "lia." + u + "@leadtwins.example", null);
		jdbc.sql("insert into lead_activities (lead_id, kind, subject, occurred_at) values (?, 'CALL', ?, now())")
			.params(d, "Called Lia " + u)
			.update();
		scan.run(RecordType.LEAD);
		Long kai = candidate("lead", a, b);
		Long lia = candidate("lead", c, d);
		assertThat(kai).isNotNull();
		assertThat(lia).isNotNull();

		mvc.perform(get("/duplicates").param("type", "lead").with(as(users, "manager")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Leadtwin" + u)))
			.andExpect(content().string(containsString("/leads/" + b)));
		mvc.perform(post("/duplicates/{id}/dismiss", kai).param("type", "lead").with(csrf()).with(as(users, "manager")))
			.andExpect(redirectedUrl("/duplicates?type=lead"));
		scan.run(RecordType.LEAD);
		assertThat(candidate("lead", a, b)).as("not a duplicate sticks").isNull();
		assertThat(leadDuplicates.find("kai." + u + "@leadtwins.example", "Kai", "Leadtwin" + u, null, a))
			.as("and silences the lead form's warning for the pair")
			.extracting(LeadMatch::id)
			.doesNotContain(b);

		mvc.perform(post("/duplicates/bulk-merge").param("type", "lead")
			.param("rows", lia + ":0:0")
			.with(csrf())
			.with(as(users, "admin")))
			.andExpect(redirectedUrl("/duplicates?type=lead"))
			.andExpect(flash().attribute("mergeOutcome", new BulkMerge.Outcome(1, 0, 0, 0)));

		assertThat(data.count("select count(*) from leads where id = ?", d)).isZero();
		mvc.perform(get("/leads/{id}", d).with(as(users, "manager"))).andExpect(redirectedUrl("/leads/" + c));
		mvc.perform(get("/leads/{id}", c).with(as(users, "manager")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Called Lia " + u)))
			.andExpect(content().string(containsString("Merged")));
	}

	@Test
	void theLeadMergePageOffersStatusAndScoreAndRefusesAConvertedLead() throws Exception {
		long keep = data.lead("Nils", "Leadpage", null, "Page Co");
		long gone = data.lead("Nils", "Leadpage", "nils@leadpage.example", "Page Co");
		jdbc.sql("update leads set status = 'QUALIFIED' where id = ?").param(gone).update();

		mvc.perform(get("/duplicates/merge").param("type", "lead")
			.param("ids", Long.toString(keep), Long.toString(gone))
			.with(as(users, "manager")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"f-status-" + gone + "\"")))
			.andExpect(content().string(containsString("Qualified")))
			.andExpect(content().string(containsString("id=\"f-score-" + keep + "\"")));

		mvc.perform(post("/duplicates/merge").param("type", "lead")
			.param("survivor", Long.toString(keep))
			.param("ids", Long.toString(keep), Long.toString(gone))
			.param("versions", "0", "0")
			.param("fields[status]", Long.toString(gone))
			.param("confirm", "true")
			.with(csrf())
			.with(as(users, "manager"))).andExpect(redirectedUrl("/leads/" + keep));
		assertThat(jdbc.sql("select status from leads where id = ?").param(keep).query(String.class).single())
			.isEqualTo("QUALIFIED");

		long account = data.account("Page Converted " + MergeFixtures.unique());
		long converted = data.lead("Nils", "Leadpage", null, "Page Co");
		jdbc.sql("""
				update leads set status = 'CONVERTED', converted_account_id = ?, converted_at = now(),
				  converted_contact_id = ? where id = ?""")
			.params(account, data.contact("Nils", "Leadpage", null, account), converted)
			.update();
		mvc.perform(get("/duplicates/merge").param("type", "lead")
			.param("ids", Long.toString(keep), Long.toString(converted))
			.with(as(users, "manager"))
			.header("Referer", "http://localhost/duplicates?type=lead"))
			.andExpect(redirectedUrl("/duplicates?type=lead"))
			.andExpect(
					flash().attribute("ruleError", "Nils Leadpage is converted: merge the person it became instead."));
	}

	@Test
	void aScanWhileAnotherNodeHoldsTheLeaseDoesNothing() {
		jdbc.sql("update duplicate_scans set running_until = now() + interval '1 hour', running_by = 'other node'"
				+ " where record_type = 'account'")
			.update();
		try {
			assertThat(scan.run(RecordType.ACCOUNT)).isEqualTo(-1);
			assertThat(scan.status(RecordType.ACCOUNT).running()).isTrue();
		}
		finally {
			jdbc.sql("update duplicate_scans set running_until = null, running_by = null where record_type = 'account'")
				.update();
		}
	}

	@Test
	void notADuplicateSticksThroughTheNextScan() throws Exception {
		String u = MergeFixtures.unique();
		long a = data.contact("Kim", "Twin" + u, "kim." + u + "@twins.example", null);
		long b = data.contact("Kim", "Twin" + u, "kim." + u + "@twins.example", null);
		scan.run(RecordType.CONTACT);
		Long pair = candidate("contact", a, b);
		assertThat(pair).isNotNull();

		mvc.perform(
				post("/duplicates/{id}/dismiss", pair).param("type", "contact").with(csrf()).with(as(users, "manager")))
			.andExpect(redirectedUrl("/duplicates?type=contact"))
			.andExpect(flash().attribute("flash", "flash.dedupe.dismissed"));
		scan.run(RecordType.CONTACT);

		assertThat(candidate("contact", a, b)).isNull();
		assertThat(data.count(
				"select count(*) from contact_duplicate_dismissals where contact_low = ? and contact_high = ?",
				Math.min(a, b), Math.max(a, b)))
			.isEqualTo(1);
	}

	@Test
	void severalPairsMergeAtOnceAndEachOutcomeIsCounted() throws Exception {
		String u = MergeFixtures.unique();
		long a1 = data.contact("Lou", "Bulk" + u, "lou." + u + "@bulk.example", null);
		long a2 = data.contact("Lou", "Bulk" + u, "lou." + u + "@bulk.example", null);
		long b1 = data.contact("Max", "Bulk" + u, "max." + u + "@bulk.example", null);
		long b2 = data.contact("Max", "Bulk" + u, "max." + u + "@bulk.example", null);
		scan.run(RecordType.CONTACT);
		// Someone edits b2 after the list was shown.
		jdbc.sql("update contacts set version = version + 1 where id = ?").param(b2).update();

		mvc.perform(post("/duplicates/bulk-merge").param("type", "contact")
			.param("rows", candidate("contact", a1, a2) + ":0:0", candidate("contact", b1, b2) + ":0:0")
			.with(csrf())
			.with(as(users, "admin")))
			.andExpect(redirectedUrl("/duplicates?type=contact"))
			.andExpect(flash().attribute("mergeOutcome", new BulkMerge.Outcome(1, 1, 0, 0)));

		assertThat(data.count("select count(*) from contacts where id in (?, ?)", a1, a2)).isEqualTo(1);
		assertThat(data.count("select count(*) from contacts where id = ?", a1)).as("the older one stays").isEqualTo(1);
		assertThat(data.count("select count(*) from contacts where id in (?, ?)", b1, b2)).isEqualTo(2);
	}

	@Test
	void theMergePageMergesWithAValuePickedFromTheOtherRecordAndTheOldAddressLeadsToTheSurvivor() throws Exception {
		String u = MergeFixtures.unique();
		long keep = data.contact("Nora", "Page" + u, "nora.old@page.example", null);
		long gone = data.contact("Nora", "Page" + u, "nora.new@page.example", null);
		data.interaction(gone, null, "Met Nora at the fair");

		mvc.perform(get("/duplicates/merge").param("type", "contact")
			.param("ids", Long.toString(keep), Long.toString(gone))
			.with(as(users, "manager")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("nora.new@page.example")))
			.andExpect(content().string(containsString("1 timeline entry")));

		// Without the confirmation: the page says so, nothing is merged.
		mvc.perform(post("/duplicates/merge").param("type", "contact")
			.param("survivor", Long.toString(keep))
			.param("ids", Long.toString(keep), Long.toString(gone))
			.param("versions", "0", "0")
			.with(csrf())
			.with(as(users, "manager"))
			.header("Referer", "http://localhost/duplicates/merge?type=contact"))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("ruleError", "Tick the box to confirm the merge."));
		assertThat(data.count("select count(*) from contacts where id = ?", gone)).isEqualTo(1);

		mvc.perform(post("/duplicates/merge").param("type", "contact")
			.param("survivor", Long.toString(keep))
			.param("ids", Long.toString(keep), Long.toString(gone))
			.param("versions", "0", "0")
			.param("fields[email]", Long.toString(gone))
			.param("confirm", "true")
			.with(csrf())
			.with(as(users, "manager"))).andExpect(redirectedUrl("/contacts/" + keep));

		assertThat(jdbc.sql("select email from contacts where id = ?").param(keep).query(String.class).single())
			.isEqualTo("nora.new@page.example");
		mvc.perform(get("/contacts/{id}", gone).with(as(users, "manager")))
			.andExpect(redirectedUrl("/contacts/" + keep));
		mvc.perform(get("/contacts/{id}", keep).with(as(users, "manager")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Met Nora at the fair")));
	}

	@Test
	void aStaleVersionOnTheMergePageIsTheConflictPageAndNothingMerges() throws Exception {
		long keep = data.contact("Olga", "Conflict", null, null);
		long gone = data.contact("Olga", "Conflict", null, null);
		jdbc.sql("update contacts set version = 5 where id = ?").param(gone).update();

		mvc.perform(post("/duplicates/merge").param("type", "contact")
			.param("survivor", Long.toString(keep))
			.param("ids", Long.toString(keep), Long.toString(gone))
			.param("versions", "0", "4")
			.param("confirm", "true")
			.with(csrf())
			.with(as(users, "admin"))).andExpect(status().isConflict());
		assertThat(data.count("select count(*) from contacts where id = ?", gone)).isEqualTo(1);
	}

	@Test
	void repsAgentsAndMarketersDontFindOrMergeDuplicates() throws Exception {
		for (String user : new String[] { "rep", "agent", "marketer" }) {
			mvc.perform(get("/duplicates").with(as(users, user))).andExpect(status().isForbidden());
			mvc.perform(post("/duplicates/merge").with(csrf()).with(as(users, user))).andExpect(status().isForbidden());
		}
		mvc.perform(get("/duplicates").param("type", "account").with(as(users, "manager")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Companies")));
	}

	@Test
	void theReviewListReadsAsManyStatementsForManyPairsAsForFew() throws Exception {
		int before = statementsFor(mvc, users, "/duplicates?type=contact", "manager");
		String u = MergeFixtures.unique();
		for (int i = 0; i < 30; i++) {
			long a = data.contact("Pat", "Many" + u + i, "pat." + u + "." + i + "@many.example", null);
			long b = data.contact("Pat", "Many" + u + i, "pat." + u + "." + i + "@many.example", null);
			jdbc.sql("insert into duplicate_candidates (record_type, low_id, high_id, reason, score)"
					+ " values ('contact', ?, ?, 'email', 100)")
				.params(a, b)
				.update();
		}

		assertThat(statementsFor(mvc, users, "/duplicates?type=contact", "manager")).isEqualTo(before);
		mvc.perform(get("/duplicates").param("type", "contact").with(as(users, "manager")))
			.andExpect(content().string(containsString("Many" + u)));
	}

	@Test
	void recordsPickedOnTheContactListOpenTheMergePageAndOneAloneIsRefused() throws Exception {
		long a = data.contact("Quin", "Picked", null, null);
		long b = data.contact("Quin", "Picked", null, null);

		mvc.perform(post("/duplicates/pick").param("type", "contact")
			.param("rows", a + ":0", b + ":0")
			.with(csrf())
			.with(as(users, "manager")))
			.andExpect(redirectedUrl("/duplicates/merge?type=contact&ids=" + a + "&ids=" + b));
		mvc.perform(post("/duplicates/pick").param("type", "contact")
			.param("rows", a + ":0")
			.with(csrf())
			.with(as(users, "manager"))
			.header("Referer", "http://localhost/contacts"))
			.andExpect(redirectedUrl("/contacts"))
			.andExpect(flash().attribute("ruleError", "Pick at least two records to merge."));
		mvc.perform(get("/contacts").with(as(users, "manager")))
			.andExpect(content().string(containsString("id=\"bulk-merge-pick\"")));
		mvc.perform(get("/contacts").with(as(users, "rep")))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("bulk-merge-pick"))));
	}

	@Test
	void leadsPickedOnTheLeadListOpenTheLeadMergePageAndDealsOfferNoMerge() throws Exception {
		long a = data.lead("Uma", "Picked", null, null);
		long b = data.lead("Uma", "Picked", null, null);

		mvc.perform(get("/leads").with(as(users, "manager")))
			.andExpect(content().string(containsString("value=\"lead\">Merge selected")));
		mvc.perform(get("/leads").with(as(users, "rep")))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("bulk-merge-pick"))));
		mvc.perform(get("/opportunities").with(as(users, "manager")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("bulk-merge-pick"))));
		mvc.perform(post("/duplicates/pick").param("type", "lead")
			.param("rows", a + ":0", b + ":0")
			.with(csrf())
			.with(as(users, "manager"))).andExpect(redirectedUrl("/duplicates/merge?type=lead&ids=" + a + "&ids=" + b));
	}

}
