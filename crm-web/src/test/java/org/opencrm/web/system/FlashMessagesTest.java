package org.opencrm.web.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import java.io.ByteArrayInputStream;
import java.io.ObjectInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.web.Logins;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Redirects whose page is never opened leave their flash message in the session for three
 * minutes; the session keeps only the newest few, and the page a redirect leads to still
 * shows its message.
 */
@WebIntegrationTest
class FlashMessagesTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Test
	void postsWhoseRedirectIsNotFollowedKeepOnlyTheNewestMessagesInTheSession() throws Exception {
		Cookie session = Logins.signIn(mvc, "agent");
		String page = null;
		for (int i = 0; i < FlashMessages.KEPT + 15; i++) {
			page = mvc.perform(post("/service/queue/bulk").cookie(session).with(csrf()))
				.andExpect(status().is3xxRedirection())
				.andReturn()
				.getResponse()
				.getRedirectedUrl();
		}

		assertThat(storedFlashMaps(session)).hasSize(FlashMessages.KEPT);
		mvc.perform(get(page).cookie(session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Tick some tickets and choose an action first.")));
	}

	private List<?> storedFlashMaps(Cookie session) throws Exception {
		String id = new String(Base64.getDecoder().decode(session.getValue()), StandardCharsets.US_ASCII);
		byte[] bytes = jdbc.sql("""
				select a.attribute_bytes from spring_session_attributes a
				join spring_session s on s.primary_id = a.session_primary_id
				where s.session_id = ? and a.attribute_name = ?""")
			.param(id)
			.param("org.springframework.web.servlet.support.SessionFlashMapManager.FLASH_MAPS")
			.query(byte[].class)
			.single();
		try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
			return (List<?>) in.readObject();
		}
	}

}
