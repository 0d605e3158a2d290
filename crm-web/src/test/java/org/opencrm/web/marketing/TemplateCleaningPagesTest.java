package org.opencrm.web.marketing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.opencrm.web.Logins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * A template saved with hostile HTML is stored clean, and the marketer is told what was
 * taken out.
 */
@WebIntegrationTest
class TemplateCleaningPagesTest {

	static final String HOSTILE = "<base href=\"https://evil.example/\"><p onclick=\"steal()\">Hello {{contact.firstName}}</p>"
			+ "<a href=\"javascript:alert(document.cookie)\">Win</a> <a href=\"{{unsubscribeUrl}}\">Unsubscribe</a>";

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	private String storedHtml(String name) {
		return jdbc.sql("select html_body from email_templates where name = ?")
			.param(name)
			.query(String.class)
			.single();
	}

	@Test
	void hostileHtmlIsRemovedOnCreateAndEditAndTheMarketerIsTold() throws Exception {
		String name = "Hostile " + UUID.randomUUID();
		MvcResult created = mvc
			.perform(post("/marketing/templates").with(as(users, "marketer"))
				.with(csrf())
				.param("name", name)
				.param("subject", "Hi")
				.param("htmlBody", HOSTILE)
				.param("textBody", "Hi"))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("flash", "mkt.template.saved"))
			.andExpect(flash().attribute("flashWarning", "mkt.template.cleaned"))
			.andExpect(flash().attribute("flashDetail", "<base>, onclick on <p>, href on <a>"))
			.andReturn();
		assertThat(storedHtml(name))
			.isEqualTo("<p>Hello {{contact.firstName}}</p><a>Win</a> <a href=\"{{unsubscribeUrl}}\">Unsubscribe</a>");

		String page = created.getResponse().getRedirectedUrl();
		// The page the browser is sent to shows the notice, escaped (sessions are Spring
		// Session's: follow its cookie).
		mvc.perform(get(page).cookie(created.getResponse().getCookies()).with(as(users, "marketer")))
			.andExpect(content().string(containsString("Template saved.")))
			.andExpect(content().string(containsString(
					"Removed from the HTML because mail programs could run or follow it: &lt;base&gt;, onclick on &lt;p&gt;, href on &lt;a&gt;.")));

		long id = jdbc.sql("select id from email_templates where name = ?").param(name).query(Long.class).single();
		mvc.perform(post("/marketing/templates/" + id).with(as(users, "marketer"))
			.with(csrf())
			.param("name", name)
			.param("subject", "Hi")
			.param("version", "0")
			.param("htmlBody",
					"<table><tbody><tr><td style=\"color: red\"><img src=\"https://cdn.example/a.png\" onerror=\"x()\"></td></tr></tbody></table>")
			.param("textBody", "Hi"))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("flashDetail", "onerror on <img>"));
		assertThat(storedHtml(name)).isEqualTo(
				"<table><tbody><tr><td style=\"color: red\"><img src=\"https://cdn.example/a.png\"></td></tr></tbody></table>");

		// Clean HTML saves without a notice.
		mvc.perform(post("/marketing/templates/" + id).with(as(users, "marketer"))
			.with(csrf())
			.param("name", name)
			.param("subject", "Hi")
			.param("version", "1")
			.param("htmlBody", "<p>Fine</p>")
			.param("textBody", "Hi")).andExpect(status().is3xxRedirection()).andExpect(flash().attributeCount(1));
	}

}
