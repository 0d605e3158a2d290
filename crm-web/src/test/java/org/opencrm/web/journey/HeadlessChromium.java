package org.opencrm.web.journey;

import static org.junit.jupiter.api.Assertions.fail;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.LoadState;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Debian's Chromium driven by Playwright, headless. Playwright never downloads a browser
 * here; the flags keep Chromium from reaching out to Google's services, which a machine
 * without internet answers with refused connections.
 */
final class HeadlessChromium implements AutoCloseable {

	static final Path EXECUTABLE = Path.of("/usr/bin/chromium");

	private static final List<String> ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-quic",
			"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync");

	private static final String SKIPPED = EXECUTABLE
			+ " not found: browser journeys skipped (apt-get install chromium)";

	private final Playwright playwright;

	private final Browser browser;

	private HeadlessChromium(Playwright playwright, Browser browser) {
		this.playwright = playwright;
		this.browser = browser;
	}

	/**
	 * Starts the browser. Without Chromium the journeys are skipped on a developer's
	 * machine, but fail on CI, which installs it: a missing browser there must not pass
	 * as green.
	 */
	static HeadlessChromium start() {
		boolean installed = Files.isExecutable(EXECUTABLE);
		if (!installed && onCi()) {
			fail("CI=true but " + EXECUTABLE + " is missing: the browser journeys need Debian's chromium "
					+ "(apt-get install chromium; .ci/run does this)");
		}
		Assumptions.assumeTrue(installed, SKIPPED);
		Playwright playwright = Playwright
			.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
		try {
			Browser browser = playwright.chromium()
				.launch(new BrowserType.LaunchOptions().setExecutablePath(EXECUTABLE).setHeadless(true).setArgs(ARGS));
			return new HeadlessChromium(playwright, browser);
		}
		catch (RuntimeException ex) {
			playwright.close();
			throw ex;
		}
	}

	/**
	 * A fresh profile (no cookies, no session) talking to the application at the given
	 * address.
	 */
	BrowserContext newContext(String baseUrl) {
		BrowserContext context = browser.newContext(
				new Browser.NewContextOptions().setBaseURL(baseUrl).setViewportSize(1280, 900).setLocale("en-GB"));
		context.setDefaultTimeout(15_000);
		return context;
	}

	private static boolean onCi() {
		return "true".equals(System.getenv("CI"));
	}

	/**
	 * Skips a browser test class before its application starts when Chromium is missing
	 * (but not on CI, where {@link #start()} then fails). An assumption failing in
	 * {@code @BeforeAll} would do the same, but Surefire counts such a class as "Tests
	 * run: 0, Skipped: 0": a disabled class shows its tests as skipped.
	 */
	static class Installed implements ExecutionCondition {

		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
			return Files.isExecutable(EXECUTABLE) || onCi() ? ConditionEvaluationResult.enabled("Chromium or CI")
					: ConditionEvaluationResult.disabled(SKIPPED);
		}

	}

	/**
	 * Signs in through the login form and waits until the landing page has loaded: its
	 * deferred scripts (Bootstrap's menus, htmx) have run, so a menu clicked next opens
	 * instead of following its title's plain link.
	 */
	static void signIn(Page page, String username) {
		page.navigate("/login");
		page.locator("[name=username]").fill(username);
		page.locator("[name=password]").fill("demo");
		page.locator("form[action='/login'] button[type=submit]").click();
		PlaywrightAssertions.assertThat(page.locator("nav")).containsText("Signed in as");
		page.waitForLoadState(LoadState.LOAD);
	}

	@Override
	public void close() {
		try {
			browser.close();
		}
		finally {
			playwright.close();
		}
	}

}
