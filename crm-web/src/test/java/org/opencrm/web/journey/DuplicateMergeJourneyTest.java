package org.opencrm.web.journey;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.opencrm.core.dedupe.DuplicateScan;
import org.opencrm.core.dedupe.RecordType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 11 item 2 in a real headless Chromium: a manager finds a duplicate person in the
 * review list, opens the merge page, keeps the other record's phone number, merges, and
 * lands on the survivor, whose timeline now holds both records' entries; and the same for
 * two leads, keeping the other lead's status.
 */
class DuplicateMergeJourneyTest extends Journey {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DuplicateScan scan;

	@Test
	void aManagerMergesADuplicatePersonPickingTheOtherRecordsPhone() {
		String u = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
		long keep = person("Wilhelmina", "Quartermaine" + u, "w.quartermaine." + u + "@old.example");
		long gone = person("Wilhelmina", "Quartermaine" + u, "W.Quartermaine." + u + "@OLD.example");
		String local = Long.toString(1_000_000 + Math.floorMod(u.hashCode(), 9_000_000));
		jdbc.sql("update contacts set phone = ? where id = ?").params("+44 20 5" + local, keep).update();
		jdbc.sql("update contacts set phone = ? where id = ?").params("+44 20 6" + local, gone).update();
		note(keep, "Kept record's call " + u);
		note(gone, "Merged record's meeting " + u);
		scan.run(RecordType.CONTACT);
		HeadlessChromium.signIn(page, "manager");

		page.locator("#insights-menu").click();
		page.locator("nav").getByText("Duplicates").click();
		assertThat(page).hasURL(Pattern.compile("/duplicates"));
		Locator pair = page.locator("#duplicates-table tbody tr")
			.filter(new Locator.FilterOptions().setHasText("Quartermaine" + u));
		assertThat(pair).hasCount(1);
		assertThat(pair.locator(".badge")).hasText("Same e-mail");
		page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("duplicates.png")).setFullPage(true));
		pair.locator("a.merge-link").click();

		assertThat(page.locator("main h1")).hasText("Merge records");
		assertThat(page.locator("#survivor-" + keep)).isChecked();
		assertThat(page.locator("#f-phone-" + keep)).isChecked();
		assertThat(page.locator("#merge-moves")).containsText("1 timeline entry");
		page.locator("#f-phone-" + gone).check();
		page.locator("#merge-confirm").check();
		page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("merge.png")).setFullPage(true));
		page.locator("#merge-submit").click();

		assertThat(page).hasURL(Pattern.compile("/contacts/" + keep + "$"));
		assertThat(page.locator("main")).containsText("+44 20 6" + local);
		assertThat(page.locator("main")).containsText("Kept record's call " + u);
		assertThat(page.locator("main")).containsText("Merged record's meeting " + u);
		page.navigate("/contacts/" + gone);
		assertThat(page).hasURL(Pattern.compile("/contacts/" + keep + "$"));
	}

	@Test
	void aManagerMergesTwoLeadsKeepingTheOtherLeadsStatus() {
		String u = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
		long keep = lead("Bartholomew", "Fairweather" + u, "b.fairweather." + u + "@leads.example");
		long gone = lead("Bartholomew", "Fairweather" + u, "B.Fairweather." + u + "@Leads.Example");
		jdbc.sql("update leads set status = 'QUALIFIED' where id = ?").param(gone).update();
		activity(keep, "Kept lead's call " + u);
		activity(gone, "Merged lead's meeting " + u);
		scan.run(RecordType.LEAD);
		HeadlessChromium.signIn(page, "manager");

		page.navigate("/duplicates");
		page.locator("#dedupe-types").getByText("Leads").click();
		assertThat(page).hasURL(Pattern.compile("/duplicates\\?type=lead"));
		Locator pair = page.locator("#duplicates-table tbody tr")
			.filter(new Locator.FilterOptions().setHasText("Fairweather" + u));
		assertThat(pair).hasCount(1);
		assertThat(pair.locator(".badge")).hasText("Same e-mail");
		pair.locator("a.merge-link").click();

		assertThat(page.locator("main h1")).hasText("Merge records");
		assertThat(page.locator("#survivor-" + keep)).isChecked();
		assertThat(page.locator("#f-status-" + keep)).isChecked();
		assertThat(page.locator("#field-status")).containsText("Qualified");
		assertThat(page.locator("#merge-moves")).containsText("1 activity");
		page.locator("#f-status-" + gone).check();
		page.locator("#merge-confirm").check();
		page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("merge-leads.png")).setFullPage(true));
		page.locator("#merge-submit").click();

		assertThat(page).hasURL(Pattern.compile("/leads/" + keep + "$"));
		assertThat(page.locator("#lead-status")).hasText("Qualified");
		assertThat(page.locator("#lead-activities")).containsText("Kept lead's call " + u);
		assertThat(page.locator("#lead-activities")).containsText("Merged lead's meeting " + u);
		assertThat(page.locator("#lead-activities")).containsText("Merged");
		page.navigate("/leads/" + gone);
		assertThat(page).hasURL(Pattern.compile("/leads/" + keep + "$"));
	}

	private long lead(String first, String last, String email) {
		return jdbc.sql("""
				insert into leads (first_name, last_name, email, company, source, status, owner_id)
				values (?, ?, ?, 'Fairweather Trading', 'Web', 'NEW', (select id from users where username = 'manager'))
				returning id""").params(first, last, email).query(Long.class).single();
	}

	private void activity(long lead, String subject) {
		jdbc.sql("""
				insert into lead_activities (lead_id, kind, subject, occurred_at)
				values (?, 'CALL', ?, now() - interval '1 hour')""").params(lead, subject).update();
	}

	private long person(String first, String last, String email) {
		return jdbc.sql("""
				insert into contacts (first_name, last_name, email, lifecycle_stage) values (?, ?, ?, 'CUSTOMER')
				returning id""").params(first, last, email).query(Long.class).single();
	}

	private void note(long contact, String subject) {
		jdbc.sql("""
				insert into interactions (kind, occurred_at, contact_id, subject, source_module)
				values ('CALL', now() - interval '1 hour', ?, ?, 'core')""").params(contact, subject).update();
	}

}
