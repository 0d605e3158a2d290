package org.opencrm.web.security;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * OWASP ASVS 5.0 3.4.3–3.4.6 (see docs/security.md): every response, pages and API alike,
 * forbids plugins, {@code <base>} and framing, and says what to send as referrer.
 */
@WebIntegrationTest
class BrowserProtectionsTest {

	@Autowired
	MockMvc mvc;

	@Test
	void pagesForbidPluginsBaseElementsAndFraming() throws Exception {
		mvc.perform(get("/login"))
			.andExpect(header().string("Content-Security-Policy", Matchers.containsString("object-src 'none'")))
			.andExpect(header().string("Content-Security-Policy", Matchers.containsString("base-uri 'none'")))
			.andExpect(header().string("Content-Security-Policy", Matchers.containsString("frame-ancestors 'none'")));
	}

	@Test
	void apiAnswersCarryAPolicyToo() throws Exception {
		mvc.perform(get("/api/v1/leads").with(httpBasic("rep", "demo")))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Security-Policy", Matchers.containsString("default-src 'none'")))
			.andExpect(header().string("Content-Security-Policy", Matchers.containsString("frame-ancestors 'none'")))
			.andExpect(header().string("Referrer-Policy", "no-referrer"))
			.andExpect(header().string("X-Content-Type-Options", "nosniff"));
	}

	@Test
	void theApisRefusalsCarryThePolicy() throws Exception {
		mvc.perform(get("/api/v1/leads"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("Content-Security-Policy", Matchers.containsString("default-src 'none'")));
	}

}
