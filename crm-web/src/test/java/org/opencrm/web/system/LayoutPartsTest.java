package org.opencrm.web.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencrm.web.Logins.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The layout's parts kept per roles and language ({@link LayoutParts}): each role keeps
 * seeing its own menus whatever role asked first, each language its own words, and what
 * is the person's own (name, CSRF token of the logout form) stays theirs.
 */
@WebIntegrationTest
class LayoutPartsTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	private Document page(String username, String language) throws Exception {
		String html = mvc.perform(get("/me/password").with(as(users, username)).header("Accept-Language", language))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return Jsoup.parse(html);
	}

	@Test
	void eachRoleSeesItsOwnMenusWhoeverAskedFirst() throws Exception {
		for (int round = 0; round < 2; round++) {
			Document admin = page("admin", "en");
			assertThat(admin.select("#admin-menu")).hasSize(1);
			assertThat(admin.select("#main-nav a[href=/dashboard]")).hasSize(1);

			Document rep = page("rep", "en");
			assertThat(rep.select("#admin-menu")).isEmpty();
			assertThat(rep.select("#main-nav a[href=/dashboard]")).isEmpty();
			assertThat(rep.select("#main-nav a[href=/forecast]")).hasSize(1);
			assertThat(rep.select("#main-nav a[href=/service/queue]")).isEmpty();

			Document agent = page("agent", "en");
			assertThat(agent.select("#main-nav a[href=/service/queue]")).hasSize(1);
			assertThat(agent.select("#main-nav a[href=/forecast]")).isEmpty();

			Document marketer = page("marketer", "en");
			assertThat(marketer.select("#main-nav a[href=/marketing/segments]")).hasSize(1);
			assertThat(marketer.select("#admin-menu")).isEmpty();
		}
	}

	@Test
	void eachLanguageGetsItsOwnWords() throws Exception {
		assertThat(page("rep", "en").select("#main-nav a[href=/contacts]").text()).isEqualTo("Contacts");
		assertThat(page("rep", "de").select("#main-nav a[href=/contacts]").text()).isEqualTo("Kontakte");
		assertThat(page("rep", "en").select("#main-nav a[href=/contacts]").text()).isEqualTo("Contacts");
	}

	@Test
	void thePersonsOwnPartsStayTheirs() throws Exception {
		Document admin = page("admin", "en");
		Document manager = page("manager", "en");
		assertThat(admin.select("#signed-in-as").text()).doesNotContain(manager.select("#signed-in-as").text());
		assertThat(admin.select("form[action=/logout] input[name=_csrf]").attr("value")).isNotBlank();
		// The kept parts: links versioned, no Thymeleaf attribute left over.
		assertThat(admin.select("link[rel=stylesheet]").eachAttr("href")).anyMatch(href -> href.startsWith("/css/crm"));
		assertThat(admin.html()).doesNotContain("crm:part").doesNotContain("xmlns:crm");
		assertThat(admin.select("#shortcuts")).hasSize(1);
	}

	@Test
	void aSmallPageIsLatin1AndShowsTheSameCharacters() throws Exception {
		for (String language : new String[] { "en", "de" }) {
			String html = mvc.perform(get("/me/password").with(as(users, "rep")).header("Accept-Language", language))
				.andReturn()
				.getResponse()
				.getContentAsString();
			// The shortcuts overlay's arrows and the quotes of its messages come as
			// references...
			assertThat(html.chars().filter(c -> c > 0xFF).mapToObj(Character::toString)).as(language).isEmpty();
			Document page = Jsoup.parse(html);
			// ...and read as the characters themselves.
			assertThat(page.select("#shortcuts kbd").eachText()).contains("←", "→", "↑", "↓");
		}
		assertThat(page("rep", "en").select("#shortcuts").text()).contains("the page’s “New” form");
	}

	@Test
	void charactersOutsideLatin1AreWrittenAsReferencesOutsideScriptsStylesAndComments() {
		assertThat(LayoutParts.latin1("<a title=\"“x”\">a → b</a>"))
			.isEqualTo("<a title=\"&#8220;x&#8221;\">a &#8594; b</a>");
		assertThat(LayoutParts.latin1("<p>café 😀</p>")).isEqualTo("<p>café &#128512;</p>");
		String raw = "<script>let a = '→';</script><STYLE media=\"x\">p::after { content: '→' }</STYLE><!-- → -->";
		assertThat(LayoutParts.latin1(raw + "→")).isEqualTo(raw + "&#8594;");
		assertThat(LayoutParts.latin1("<scripts>→</scripts>")).isEqualTo("<scripts>&#8594;</scripts>");
		String plain = "<p>Kontakte</p>";
		assertThat(LayoutParts.latin1(plain)).isSameAs(plain);
	}

}
