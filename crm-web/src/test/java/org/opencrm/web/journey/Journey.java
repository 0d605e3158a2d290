package org.opencrm.web.journey;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What every browser journey shares: the application on a random port with the demo
 * company (one context for all journeys), Debian's Chromium, a fresh profile per test, a
 * screenshot when a test fails, and after each test no script error, no console error and
 * no rough text ({@link PageText}) on any page it loaded.
 */
@ExtendWith(HeadlessChromium.Installed.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "crm.demo-data.enabled=true")
abstract class Journey {

	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private static HeadlessChromium chromium;

	@LocalServerPort
	int port;

	BrowserContext browser;

	Page page;

	/**
	 * Script errors and console errors (a CSP violation, a missing script) fail the
	 * journey.
	 */
	final List<String> browserErrors = new ArrayList<>();

	/**
	 * Rough text on any page the journey loads: a literal null, an unmerged
	 * {@code {{field}}}, a missing message, a raw code ({@link PageText}).
	 */
	final List<String> roughText = new ArrayList<>();

	/**
	 * A picture of the page as it was when a journey failed, for whoever reads the build
	 * log.
	 */
	@RegisterExtension
	final AfterTestExecutionCallback screenshotOnFailure = test -> {
		if (test.getExecutionException().isPresent() && page != null) {
			page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
				.setPath(SCREENSHOTS.resolve("failed-" + test.getRequiredTestMethod().getName() + ".png")));
		}
	};

	@BeforeAll
	static void startChromium() {
		chromium = HeadlessChromium.start();
		PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
	}

	@AfterAll
	static void stopChromium() {
		if (chromium != null) {
			chromium.close();
		}
	}

	/**
	 * Whether one profile serves every test of the class (signed in once); by default
	 * each test starts with a fresh one.
	 */
	boolean sharesBrowser() {
		return false;
	}

	@BeforeEach
	void openBrowser() {
		if (browser != null) {
			return;
		}
		browser = chromium.newContext("http://127.0.0.1:" + port);
		page = browser.newPage();
		page.onPageError(error -> browserErrors.add("page error: " + error));
		page.onConsoleMessage(message -> {
			if ("error".equals(message.type())) {
				browserErrors.add("console: " + message.text() + " at " + message.location());
			}
		});
		PageText.watch(page, roughText);
	}

	@AfterEach
	void closeBrowser() {
		if (!sharesBrowser()) {
			closeProfile();
		}
		List<String> errors = List.copyOf(browserErrors);
		List<String> rough = List.copyOf(roughText);
		browserErrors.clear();
		roughText.clear();
		assertThat(errors).isEmpty();
		assertThat(rough).isEmpty();
	}

	void closeProfile() {
		if (browser != null) {
			browser.close();
			browser = null;
		}
	}

}
