package org.opencrm.web.journey;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * axe-core (Deque's accessibility rules, from its jar on the test class path) run on the
 * page as it is now: no violation of serious or critical impact. The script is evaluated
 * by the browser's debugging protocol, so the page's Content-Security-Policy, which
 * allows no inline script, doesn't stop it.
 */
final class Axe {

	/**
	 * Where Deque's axe-core jar for Playwright keeps the script (the test dependency
	 * {@code com.deque.html.axe-core:playwright}; only the script is used).
	 */
	static final String SCRIPT = "axe.min.js";

	private static String source;

	private Axe() {
	}

	/** Fails with each serious or critical violation: its rule, impact and elements. */
	static void check(Page page) {
		List<String> problems = problems(page);
		assertThat(problems).as("axe-core on " + page.url()).isEmpty();
	}

	@SuppressWarnings("unchecked")
	static List<String> problems(Page page) {
		// As a function's body: the debugging protocol compiles it, so no eval() in the
		// page.
		page.evaluate("() => {\n" + script() + "\n}");
		return (List<String>) page.evaluate("""
				async () => {
				  const r = await axe.run(document, { resultTypes: ['violations'] });
				  return r.violations
				    .filter(v => v.impact === 'serious' || v.impact === 'critical')
				    .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ')).join(', '));
				}
				""");
	}

	private static synchronized String script() {
		if (source == null) {
			try (InputStream in = Axe.class.getClassLoader().getResourceAsStream(SCRIPT)) {
				if (in == null) {
					throw new IllegalStateException("axe-core is not on the test class path at " + SCRIPT);
				}
				source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return source;
	}

}
