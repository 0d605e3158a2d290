package org.opencrm.web.journey;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.core.io.ClassPathResource;

/**
 * axe-core, Deque's accessibility checker ({@code axe.min.js} of Deque's
 * {@code com.deque.html.axe-core:playwright} on the test class path), run in the page the
 * journey shows. Only violations of serious or critical impact are reported; frames are
 * not entered (the mail previews are sandboxed without scripts). The script goes in by
 * the browser's debugging protocol, so the page's Content-Security-Policy, which allows
 * no inline script, doesn't stop it.
 */
final class Axe {

	private static final String SOURCE = source();

	private static final String RUN = """
			async () => {
			  const result = await axe.run(document, { iframes: false, resultTypes: ['violations'] });
			  return result.violations
			    .filter(v => v.impact === 'serious' || v.impact === 'critical')
			    .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at '
			      + v.nodes.slice(0, 5).map(n => n.target.join(' ')).join(' | '));
			}""";

	private Axe() {
	}

	/**
	 * Every page the profile opens from now on carries axe (set before its own scripts).
	 */
	static void install(BrowserContext browser) {
		browser.addInitScript(SOURCE);
	}

	/** Fails with each serious or critical violation: its rule, impact and elements. */
	static void check(Page page) {
		assertThat(seriousViolations(page)).as("axe-core on " + page.url()).isEmpty();
	}

	/** The serious and critical violations of the page as it is now, one line each. */
	@SuppressWarnings("unchecked")
	static List<String> seriousViolations(Page page) {
		// A button just clicked is still in its hover transition (0.15 s): axe would
		// measure
		// a colour between two that no one reads.
		page.mouse().move(0, 0);
		page.waitForTimeout(250);
		if (!Boolean.TRUE.equals(page.evaluate("() => typeof axe !== 'undefined'"))) {
			// As a function's body: the debugging protocol compiles it, so no eval() in
			// the page.
			page.evaluate("() => {\n" + SOURCE + "\n}");
		}
		return (List<String>) page.evaluate(RUN);
	}

	private static String source() {
		try (InputStream in = new ClassPathResource("axe.min.js").getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
