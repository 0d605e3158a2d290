package org.opencrm.web.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.opencrm.web.Logins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The timeline is stored as message keys and shown in the reader's language: the same
 * stage move reads in German for a German reader and in English for an English one, with
 * the amount formatted for each.
 */
@WebIntegrationTest
class TimelineLanguageTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aGermanReaderSeesAStageMoveInGermanAndAnEnglishReaderInEnglish() throws Exception {
		String account = jdbc.sql("""
				select name from accounts a where (select count(*) from accounts b where b.sort_name = a.sort_name) = 1
				  and a.owner_id = (select id from users where username = 'rep') order by id limit 1
				""").query(String.class).single();
		long accountId = jdbc.sql("select id from accounts where name = ?").param(account).query(Long.class).single();
		String name = "Sprache " + UUID.randomUUID().toString().substring(0, 8);
		String page = mvc
			.perform(post("/opportunities").with(as(users, "rep"))
				.with(csrf())
				.param("name", name)
				.param("accountIdText", account)
				.param("pipelineId", "1")
				.param("amount", "12000")
				.param("currency", "EUR")
				.param("closeDate", java.time.LocalDate.now().plusDays(30).toString())
				.param("ownerId", String.valueOf(users.loadUserByUsername("rep").id())))
			.andExpect(redirectedUrlPattern("/opportunities/*"))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		long deal = Long.parseLong(page.substring(page.lastIndexOf('/') + 1));
		record Target(long id, String name) {
		}
		Target target = jdbc.sql("""
				select s.id, s.name from pipeline_stages s join opportunities o on o.pipeline_id = s.pipeline_id
				where o.id = ? and s.kind = 'OPEN' and s.id <> o.stage_id order by s.position limit 1
				""").param(deal).query((rs, n) -> new Target(rs.getLong(1), rs.getString(2))).single();
		mvc.perform(post("/opportunities/" + deal + "/stage").with(as(users, "rep"))
			.with(csrf())
			.param("version", "0")
			.param("stageId", String.valueOf(target.id()))
			.param("back", page));
		assertThat(jdbc.sql("select count(*) from interactions where source_ref = ? and subject_key = ?")
			.params("opportunity:" + deal, "timeline.deal.moved")
			.query(Long.class)
			.single()).isEqualTo(1);

		mvc.perform(get("/accounts/" + accountId).locale(Locale.GERMAN).with(as(users, "rep")))
			.andExpect(content().string(containsString("Verkaufschance " + name + " verschoben nach " + target.name())))
			.andExpect(content().string(containsString("12.000,00\u00a0€")))
			.andExpect(content().string(not(containsString("Deal " + name + " moved to"))));
		mvc.perform(get("/accounts/" + accountId).locale(Locale.ENGLISH).with(as(users, "rep")))
			.andExpect(content().string(containsString("Deal " + name + " moved to " + target.name())))
			.andExpect(content().string(containsString("€12,000.00")));
	}

	@Test
	void everyTimelineLineTheApplicationWritesHasAGermanText() throws IOException {
		Properties en = load("messages.properties");
		Properties de = load("messages_de.properties");
		assertThat(en.stringPropertyNames()
			.stream()
			.filter(k -> k.startsWith("timeline.") && k.split("[.]").length > 2
					|| k.matches("task[.](lead|mql|afterSale|repurchase|sla|appointment)[.].*")))
			.isNotEmpty()
			.allSatisfy(key -> assertThat(de.stringPropertyNames()).as(key).contains(key));
		// And German never has a key English lacks (a typo would show the English text).
		Properties english = new Properties();
		for (String bundle : new String[] { "messages", "messages-sales", "messages-marketing", "messages-service",
				"messages-customer", "messages-analytics", "messages-dashboard", "messages-reports" }) {
			english.putAll(load(bundle + ".properties"));
		}
		assertThat(english.stringPropertyNames()).containsAll(de.stringPropertyNames());
	}

	private static Properties load(String name) throws IOException {
		Properties p = new Properties();
		try (InputStream in = TimelineLanguageTest.class.getResourceAsStream("/" + name)) {
			p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		return p;
	}

}
