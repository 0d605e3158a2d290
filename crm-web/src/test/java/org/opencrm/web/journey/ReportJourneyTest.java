package org.opencrm.web.journey;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * A manager reads a report in a real headless Chromium: from the Insights menu to the
 * report, an impossible range answered with a message (htmx swaps the results), a good
 * range with its table, the CSV download, and a saved view listed on the reports page.
 * Same application context as {@link BrowserJourneysTest}.
 */
class ReportJourneyTest extends Journey {

	@Test
	void aManagerFiltersASalesReportExportsItAndSavesTheView() throws Exception {
		HeadlessChromium.signIn(page, "manager");

		page.navigate("/reports");
		page.locator("#report-list a[href='/reports/sales-by-rep-month']").click();
		assertThat(page.locator("main h1")).hasText("Sales by rep and month");

		// An end before the start: a message where the results were, no error page.
		page.locator("#from").fill("2030-05-01");
		page.locator("#to").fill("2030-04-01");
		page.locator("#report-filter button[type=submit]").click();
		assertThat(page.locator("#filter-error")).containsText("is after the end date");

		page.locator("#from").fill("2026-01-01");
		page.locator("#to").fill("2030-12-31");
		page.locator("#report-filter button[type=submit]").click();
		assertThat(page.locator("#filter-error")).hasCount(0);
		assertThat(page.locator("#report-table, .empty-state").first()).isVisible();
		PageText.assertClean(page);
		page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(SCREENSHOTS.resolve("report.png")));

		Download download = page.waitForDownload(() -> page.locator("#csv-link").click());
		assertThat(download.suggestedFilename()).startsWith("sales-by-rep-month-").endsWith(".csv");
		assertThat(Files.readString(download.path())).startsWith("Month,Owner,Currency,Deals won,Won revenue");

		String name = "Decade " + unique();
		page.locator("#save-view [name=name]").fill(name);
		page.locator("#save-view button[type=submit]").click();
		assertThat(page.locator(".alert-success")).containsText("View saved");
		page.navigate("/reports");
		page.locator("#saved-views a", new Page.LocatorOptions().setHasText(name)).click();
		assertThat(page.locator("#from")).hasValue("2026-01-01");
	}

	private static String unique() {
		StringBuilder s = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
		}
		return s.toString();
	}

}
