package org.opencrm.web.journey;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.FilePayload;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The import wizard and a bulk action in a real headless Chromium (issue 11): a semicolon
 * file with one bad row goes through the guessed mapping (one column changed by hand),
 * the dry run (create, update, reject with the reason), the background run's progress,
 * the rejects report and the revert; a bulk stage move on the deals list says what it did
 * and what it skipped. Same application context as {@link BrowserJourneysTest}; the
 * application's own import worker runs the import.
 */
class ImportAndBulkJourneyTest extends Journey {

	private static final LocatorAssertions.HasTextOptions RUN_TIME = new LocatorAssertions.HasTextOptions()
		.setTimeout(60_000);

	@Autowired
	JdbcClient jdbc;

	@Test
	void aContactsFileGoesThroughMappingDryRunRunRejectsReportAndRevert() throws Exception {
		String u = unique();
		String domain = u + ".journey.example";
		jdbc.sql("""
				insert into contacts (first_name, last_name, email, city, lifecycle_stage)
				values ('Dora', ?, ?, 'Altstadt', 'LEAD')
				""").params("Known" + u, "dora@" + domain).update();
		String csv = """
				Vorname;Nachname;E-Mail;Stadt;Abteilung
				Ada;Journey%1$s;ada@%2$s;Bonn;Einkauf
				Bob;Journey%1$s;not-an-address;Köln;Vertrieb
				Dora;Known%1$s;dora@%2$s;Neustadt;Leitung
				Cy;Journey%1$s;cy@%2$s;Ulm;Technik
				""".formatted(u, domain);
		HeadlessChromium.signIn(page, "admin");

		page.navigate("/imports/new");
		page.locator("#type").selectOption("contacts");
		page.locator("#file")
			.setInputFiles(new FilePayload("contacts-" + u + ".csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)));
		page.locator("#upload button[type=submit]").click();

		// The guessed mapping: four columns known by their German names, one not.
		assertThat(page.locator("#read-as")).containsText("\";\"");
		assertThat(page.locator("#column-0")).hasValue("first_name");
		assertThat(page.locator("#column-1")).hasValue("last_name");
		assertThat(page.locator("#column-2")).hasValue("email");
		assertThat(page.locator("#column-3")).hasValue("city");
		assertThat(page.locator("#column-4")).hasValue("");
		assertThat(page.locator("#ignored")).containsText("Abteilung");
		// Changed by hand: the department goes into the job title.
		page.locator("#column-4").selectOption("title");
		page.locator("#matchKey").selectOption("email");
		page.locator("#mapping button[type=submit]").click();

		assertThat(page.locator("#column-4")).hasValue("title");
		assertThat(page.locator("#ignored")).hasCount(0);
		assertThat(page.locator("#preview-totals"))
			.hasText("Of the first 4 rows: 2 would be created, 1 updated, 0 left unchanged, 1 rejected.");
		assertThat(page.locator("#preview tbody tr")).hasCount(4);
		assertThat(page.locator("#preview tbody tr.table-danger")).containsText("E-Mail: Enter a valid e-mail address");
		assertThat(page.locator("#preview tbody tr").nth(2)).containsText("Update");
		page.screenshot(
				new Page.ScreenshotOptions().setFullPage(true).setPath(SCREENSHOTS.resolve("import-preview.png")));

		page.locator("#start button[type=submit]").click();
		assertThat(page.locator("#progress-state")).hasText("Done", RUN_TIME);
		assertThat(page.locator("#count-created")).hasText("2");
		assertThat(page.locator("#count-updated")).hasText("1");
		assertThat(page.locator("#count-rejected")).hasText("1");
		assertThat(jdbc.sql("select title from contacts where email = ?")
			.param("ada@" + domain)
			.query(String.class)
			.single()).isEqualTo("Einkauf");

		Download report = page.waitForDownload(() -> page.locator("#rejects").click());
		List<String> lines = Files.readAllLines(report.path(), StandardCharsets.UTF_8);
		assertThat(lines.get(0)).isEqualTo("Line,Column,Reason,Row");
		assertThat(lines).hasSize(2);
		assertThat(lines.get(1)).startsWith("3,E-Mail,").contains("not-an-address");

		page.locator("#revert button[type=submit]").click();
		assertThat(page.locator("#progress-state")).hasText("Reverted", RUN_TIME);
		assertThat(jdbc.sql("select count(*) from contacts where last_name = ?")
			.param("Journey" + u)
			.query(Long.class)
			.single()).isZero();
		assertThat(jdbc.sql("select city from contacts where email = ?")
			.param("dora@" + domain)
			.query(String.class)
			.single()).isEqualTo("Altstadt");
		page.screenshot(
				new Page.ScreenshotOptions().setFullPage(true).setPath(SCREENSHOTS.resolve("import-reverted.png")));
	}

	@Test
	void aBulkStageMoveOnTheDealsListSaysWhatItDidAndWhatItSkipped() {
		String u = unique();
		long rep = jdbc.sql("select id from users where username = 'rep'").query(Long.class).single();
		List<Long> deals = jdbc
			.sql("""
					insert into opportunities (name, account_id, pipeline_id, stage_id, status, amount, currency, close_date,
					                           owner_id, forecast_category)
					select 'Bulk ' || ? || ' ' || g, (select min(id) from accounts), s.pipeline_id, s.id, s.kind, 1000, 'EUR',
					       current_date + 30, ?, 'PIPELINE'
					from generate_series(1, 3) g
					join pipeline_stages s on s.id = (select min(st.id) from pipeline_stages st join pipelines p
					                                  on p.id = st.pipeline_id where p.is_default and st.kind = 'OPEN')
					returning id
					""")
			.params(u, rep)
			.query(Long.class)
			.list();
		long next = jdbc.sql("""
				select s.id from pipeline_stages s join pipelines p on p.id = s.pipeline_id
				where p.is_default and s.kind = 'OPEN' and s.active
				  and s.id <> (select stage_id from opportunities where id = ?)
				order by s.position, s.id limit 1
				""").param(deals.get(0)).query(Long.class).single();
		HeadlessChromium.signIn(page, "rep");

		page.navigate("/opportunities?q=" + u);
		assertThat(page.locator("#opportunities-table tbody tr")).hasCount(3);
		page.locator("#opportunities-table .row-pick").nth(0).check();
		page.locator("#opportunities-table .row-pick").nth(1).check();
		page.locator("#opportunities-table .row-pick").nth(2).check();
		// Someone else changes one of them meanwhile.
		jdbc.sql("update opportunities set version = version + 1 where id = ?").param(deals.get(2)).update();
		page.locator("#bulk-form [name=action]").selectOption("stage");
		page.locator("#bulk-form [name=newStage]").selectOption(String.valueOf(next));
		page.locator("#bulk-form button[type=submit]:not([formaction])").click();

		assertThat(page.locator("#bulk-outcome")).hasText("2 updated, 1 skipped: changed by someone else");
		assertThat(jdbc.sql("select count(*) from opportunities where id = any(?) and stage_id = ?")
			.params(deals.toArray(Long[]::new), next)
			.query(Long.class)
			.single()).isEqualTo(2);
		page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(SCREENSHOTS.resolve("deals-bulk.png")));
	}

	private static String unique() {
		StringBuilder s = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
		}
		return s.toString();
	}

}
