package org.opencrm.web.journey;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.LoadState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One role's day in the browser, at a laptop's size (1366 x 768) and a phone's (390 x
 * 844): every main page of the role answers, shows no rough text ({@link PageText}), has
 * no serious or critical accessibility violation ({@link Axe}) and leaves a screenshot
 * under {@code target/screenshots/<role>/}; on the laptop the navigation stays on one
 * line (at 1366 and 1280 px, in English and in German) and its menus work by keyboard, on
 * the phone no page scrolls sideways and the navigation folds behind its button. One
 * profile per class, signed in once; every problem of every page is collected, so one run
 * lists them all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class RoleJourney extends Journey {

	/**
	 * A page of the role's day; with {@code recordLink} (a CSS selector) the first record
	 * it links to is visited too.
	 */
	record Stop(String path, String recordLink) {

		static Stop page(String path) {
			return new Stop(path, null);
		}

		static Stop andFirst(String path, String recordLink) {
			return new Stop(path, recordLink);
		}

	}

	/** The laptop size, and the narrowest laptop the navigation must fit on one line. */
	static final int WIDE = 1366;

	static final int NARROW_LAPTOP = 1280;

	/** An ordinary phone. */
	static final int PHONE_WIDTH = 390;

	static final int PHONE_HEIGHT = 844;

	private boolean signedIn;

	private final List<String> urls = new ArrayList<>();

	/** Everything wrong on any page of the test, each with its page and size. */
	final List<String> problems = new ArrayList<>();

	/** The demo user whose day this is. */
	abstract String username();

	/** The role's main pages, in the order a person would open them. */
	abstract List<Stop> stops();

	/** Staff have the main navigation; the portal's customers their own. */
	boolean staff() {
		return true;
	}

	@Override
	boolean sharesBrowser() {
		return true;
	}

	@BeforeEach
	void signInOnce() {
		if (signedIn) {
			return;
		}
		Axe.install(browser);
		page.navigate("/login");
		page.locator("[name=username]").fill(username());
		page.locator("[name=password]").fill("demo");
		page.locator("form[action='/login'] button[type=submit]").click();
		assertThat(page).not().hasURL(Pattern.compile("/login"));
		page.waitForLoadState(LoadState.LOAD);
		signedIn = true;
	}

	@AfterAll
	void closeSharedProfile() {
		closeProfile();
	}

	@Test
	@Order(1)
	void everyMainPageAtLaptopSize() {
		problems.clear();
		page.setViewportSize(WIDE, 768);
		for (String url : urls()) {
			visit(url, "laptop");
			if (staff()) {
				checkNavigationOnOneLine(url, WIDE);
			}
		}
		if (staff()) {
			page.setViewportSize(NARROW_LAPTOP, 768);
			page.navigate("/");
			checkNavigationOnOneLine("/", NARROW_LAPTOP);
			navigationOnOneLineInGerman();
			page.setViewportSize(WIDE, 768);
			menusOpenByKeyboard();
		}
		assertThat(problems).isEmpty();
	}

	/**
	 * German labels are longer: the navigation stays on one line at both laptop widths in
	 * German too (the browser asking for German, as the demo users chose no language; the
	 * profile's own locale would win over extra headers, so the requests are rewritten on
	 * their way).
	 */
	private void navigationOnOneLineInGerman() {
		page.route("**/*", route -> {
			Map<String, String> headers = new HashMap<>(route.request().allHeaders());
			headers.keySet().removeIf(name -> name.equalsIgnoreCase("accept-language"));
			headers.put("Accept-Language", "de-DE,de;q=0.9");
			route.resume(new Route.ResumeOptions().setHeaders(headers));
		});
		try {
			for (int width : new int[] { NARROW_LAPTOP, WIDE }) {
				page.setViewportSize(width, 768);
				page.navigate("/");
				assertThat(page.locator("html")).hasAttribute("lang", "de");
				checkNavigationOnOneLine("/ (de)", width);
				page.screenshot(new Page.ScreenshotOptions()
					.setPath(SCREENSHOTS.resolve(username()).resolve("laptop-" + width + "-de-nav.png")));
			}
		}
		finally {
			page.unroute("**/*");
		}
	}

	@Test
	@Order(2)
	void everyMainPageAtPhoneSize() {
		problems.clear();
		page.setViewportSize(PHONE_WIDTH, PHONE_HEIGHT);
		for (String url : urls()) {
			visit(url, "phone");
			cardLabels().forEach(p -> problems.add(url + " at phone size: " + p));
			Object overflow = page.evaluate(
					"() => document.documentElement.scrollWidth > window.innerWidth ? document.documentElement.scrollWidth : 0");
			if (((Number) overflow).intValue() > 0) {
				problems.add(url + " at phone size: the page is " + overflow + " px wide, wider than the screen ("
						+ PHONE_WIDTH + " px): " + widest());
			}
		}
		navigationFoldsBehindItsButton();
		assertThat(problems).isEmpty();
	}

	/** The stops' pages, with the first record each list links to (found once). */
	private List<String> urls() {
		if (!urls.isEmpty()) {
			return urls;
		}
		for (Stop stop : stops()) {
			urls.add(stop.path());
			if (stop.recordLink() != null) {
				page.navigate(stop.path());
				Locator first = page.locator(stop.recordLink()).first();
				if (first.count() == 0) {
					problems.add(stop.path() + ": no record link " + stop.recordLink());
				}
				else {
					urls.add(first.getAttribute("href"));
				}
			}
		}
		return urls;
	}

	private void visit(String url, String size) {
		Response response = page.navigate(url);
		page.waitForLoadState(LoadState.LOAD);
		if (response == null || response.status() >= 400) {
			problems.add(url + " at " + size + " size answered " + (response == null ? "nothing" : response.status()));
			return;
		}
		String text = (String) page.evaluate(PageText.VISIBLE_TEXT);
		PageText.problems(text).forEach(p -> problems.add(url + " at " + size + " size: " + p));
		Axe.seriousViolations(page).forEach(v -> problems.add(url + " at " + size + " size: axe " + v));
		page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
			.setPath(SCREENSHOTS.resolve(username()).resolve(size + "-" + slug(url) + ".png")));
	}

	/**
	 * The navigation bar is one line high: every item's top within the bar's first line,
	 * and none cut off at the right edge (a bar that doesn't wrap could push the user's
	 * menu off the screen instead).
	 */
	private void checkNavigationOnOneLine(String url, int width) {
		Object lines = page.evaluate(
				"""
						() => {
						  const bar = document.querySelector('#main-nav');
						  const items = [...bar.querySelectorAll('.navbar-brand, #mainNav > .navbar-nav > .nav-item, #mainNav > form')];
						  const tops = items.map(i => Math.round(i.getBoundingClientRect().top));
						  const right = Math.round(Math.max(...items.map(i => i.getBoundingClientRect().right)));
						  return Math.max(...tops) - Math.min(...tops) > 20 || bar.getBoundingClientRect().height > 72
						      || right > window.innerWidth + 1
						    ? 'items at ' + tops.join(', ') + ' px, bar ' + Math.round(bar.getBoundingClientRect().height)
						      + ' px high, last item ends at ' + right + ' of ' + window.innerWidth + ' px'
						    : '';
						}""");
		if (!"".equals(lines)) {
			problems.add(url + " at " + width + " px: the navigation wraps (" + lines + ")");
		}
	}

	/**
	 * The first area menu opens with Enter, walks with the arrow keys, closes with
	 * Escape.
	 */
	private void menusOpenByKeyboard() {
		page.navigate("/");
		Locator toggle = page.locator("#mainNav .dropdown-toggle").first();
		toggle.focus();
		page.keyboard().press("Enter");
		Locator menu = page.locator("#mainNav .dropdown-menu.show");
		assertThat(menu).isVisible();
		assertThat(toggle).hasAttribute("aria-expanded", "true");
		page.keyboard().press("ArrowDown");
		assertThat(menu.locator(".dropdown-item").first()).isFocused();
		page.keyboard().press("Escape");
		assertThat(menu).hasCount(0);
		assertThat(toggle).isFocused();
	}

	/** On the phone the menu button shows the navigation; the search box is in it. */
	private void navigationFoldsBehindItsButton() {
		page.navigate(staff() ? "/" : "/portal");
		if (staff()) {
			assertThat(page.locator("#global-search")).isHidden();
			Locator button = page.locator("#main-nav .navbar-toggler");
			button.focus();
			page.keyboard().press("Enter");
			assertThat(button).hasAttribute("aria-expanded", "true");
			assertThat(page.locator("#global-search")).isVisible();
			assertThat(page.locator("#notification-bell")).isVisible();
		}
		else {
			Locator button = page.locator("#portal-nav .navbar-toggler");
			button.click();
			assertThat(page.locator("#portalNav a[href='/portal/tickets/new']")).isVisible();
		}
		page.screenshot(
				new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(username()).resolve("phone-menu.png")));
	}

	/**
	 * Every body cell of a stacked table (a card on the phone) carries its column's name
	 * as {@code data-label}, as the server rendered it (no script writes them), and shows
	 * it in front of its value.
	 */
	@SuppressWarnings("unchecked")
	private List<String> cardLabels() {
		return (List<String>) page.evaluate(
				"""
						() => {
						  const problems = [];
						  for (const table of document.querySelectorAll('table.table-stack')) {
						    if (!table.tHead || !table.tHead.rows.length) continue;
						    const names = [];
						    for (const th of table.tHead.rows[table.tHead.rows.length - 1].cells) {
						      const text = th.textContent.replace(/\\s+/g, ' ').trim();
						      for (let i = 0; i < th.colSpan; i++) names.push(th.colSpan === 1 ? text : '');
						    }
						    for (const body of table.tBodies) for (const row of body.rows) {
						      let column = 0;
						      for (const cell of row.cells) {
						        const name = cell.colSpan === 1 ? names[column] : '';
						        const where = (table.id ? '#' + table.id : 'a stacked table') + ', row ' + row.rowIndex + ', column "' + name + '"';
						        if (name && cell.getAttribute('data-label') !== name) {
						          problems.push(where + ': data-label is ' + cell.getAttribute('data-label'));
						        } else if (name && cell.textContent.trim() && cell.getClientRects().length
						            && getComputedStyle(cell, '::before').content === 'none') {
						          problems.push(where + ': the label is not shown');
						        }
						        column += cell.colSpan;
						      }
						    }
						  }
						  return problems.slice(0, 5);
						}""");
	}

	/** The elements sticking out on the right, to say where to look. */
	private String widest() {
		return String.valueOf(page.evaluate(
				"""
						() => [...document.querySelectorAll('body *')]
						  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
						  .filter(e => !e.parentElement || e.parentElement.getBoundingClientRect().right <= window.innerWidth + 1)
						  .slice(0, 5)
						  .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string'
						    ? '.' + e.className.trim().split(/\\s+/).join('.') : '') + ' ' + Math.round(e.getBoundingClientRect().right))
						  .join(', ')"""));
	}

	private static String slug(String url) {
		String slug = url.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "");
		return slug.isEmpty() ? "start" : slug;
	}

}
