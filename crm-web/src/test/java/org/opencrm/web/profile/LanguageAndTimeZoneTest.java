package org.opencrm.web.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.opencrm.web.Logins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.UserCommand;
import org.opencrm.core.user.UserService;
import org.opencrm.web.Logins;
import org.opencrm.web.WebIntegrationTest;
import org.opencrm.web.system.Formats;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.i18n.SimpleTimeZoneAwareLocaleContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A user's language and time zone (/me/settings): pages, dates and numbers follow them,
 * dates typed are read in the zone, and without a setting the browser's Accept-Language
 * decides (English otherwise).
 */
@WebIntegrationTest
class LanguageAndTimeZoneTest {

	static final String PASSWORD = "kettle-harbour-17";

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Formats fmt;

	private String newRep() {
		String username = "i18n." + UUID.randomUUID().toString().substring(0, 8);
		users.createUser(new UserCommand(username, "Ines Intl", null, Role.SALES_REP, null, true, PASSWORD, 0));
		return username;
	}

	private long id(String username) {
		return users.loadUserByUsername(username).id();
	}

	private Map<String, Object> settingsOf(String username) {
		return jdbc.sql("select locale, time_zone, digest_hour::int as digest_hour from users where username = ?")
			.param(username)
			.query()
			.singleRow();
	}

	@Test
	void aSavedLanguageAndZoneApplyFromTheNextPageOfTheSameSession() throws Exception {
		String me = newRep();
		Cookie session = Logins.signIn(mvc, me, PASSWORD);
		mvc.perform(get("/tasks").cookie(session)).andExpect(content().string(containsString("My tasks")));

		mvc.perform(post("/me/settings").cookie(session)
			.param("language", "de")
			.param("timeZone", "Asia/Tokyo")
			.param("digestHour", "8")
			.with(csrf())).andExpect(redirectedUrl("/me/settings"));

		assertThat(settingsOf(me)).containsEntry("locale", "de")
			.containsEntry("time_zone", "Asia/Tokyo")
			.containsEntry("digest_hour", 8);
		mvc.perform(get("/tasks").cookie(session))
			.andExpect(content().string(containsString("Meine Aufgaben")))
			.andExpect(content().string(containsString("lang=\"de\"")))
			.andExpect(content().string(not(containsString("My tasks"))));
		mvc.perform(get("/me/settings").cookie(session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("value=\"Asia/Tokyo\"")));
	}

	@Test
	void aUserInTokyoTypesAndSeesTokyoTime() throws Exception {
		String me = newRep();
		jdbc.sql("update users set time_zone = 'Asia/Tokyo', locale = 'de' where username = ?").param(me).update();

		// 09:00 typed in Tokyo is midnight UTC
		mvc.perform(post("/tasks").with(as(users, me))
			.param("title", "Call Osaka")
			.param("dueAt", "2030-06-03T09:00")
			.param("assigneeId", String.valueOf(id(me)))
			.param("reminder", "NONE")
			.with(csrf())).andExpect(status().is3xxRedirection());
		Instant stored = jdbc.sql("select due_at from tasks where assignee_id = ? and title = 'Call Osaka'")
			.param(id(me))
			.query(Timestamp.class)
			.single()
			.toInstant();
		assertThat(stored).isEqualTo(Instant.parse("2030-06-03T00:00:00Z"));

		// and shows as 09:00, in German date order
		mvc.perform(get("/tasks").with(as(users, me)))
			.andExpect(content().string(containsString("03.06.2030 09:00")))
			.andExpect(content().string(not(containsString("2030-06-03 0"))));

		// "tomorrow 9:00" is 9:00 tomorrow in Tokyo
		long task = jdbc.sql("select id from tasks where assignee_id = ? and title = 'Call Osaka'")
			.param(id(me))
			.query(Long.class)
			.single();
		long version = jdbc.sql("select version from tasks where id = ?").param(task).query(Long.class).single();
		mvc.perform(post("/tasks/{id}/snooze", task).with(as(users, me))
			.param("until", "TOMORROW")
			.param("version", String.valueOf(version))
			.with(csrf())).andExpect(status().is3xxRedirection());
		Instant snoozed = jdbc.sql("select due_at from tasks where id = ?")
			.param(task)
			.query(Timestamp.class)
			.single()
			.toInstant();
		ZonedDateTime inTokyo = snoozed.atZone(ZoneId.of("Asia/Tokyo"));
		assertThat(inTokyo.getHour()).isEqualTo(9);
		assertThat(inTokyo.toLocalDate())
			.isEqualTo(ZonedDateTime.now(ZoneId.of("Asia/Tokyo")).toLocalDate().plusDays(1));
		assertThat(Duration.between(Instant.now(), snoozed)).isPositive().isLessThan(Duration.ofHours(48));
	}

	@Test
	void withoutASettingTheBrowsersLanguageDecidesAndASettingWinsOverIt() throws Exception {
		mvc.perform(get("/login").header("Accept-Language", "de-DE,de;q=0.9,en;q=0.8"))
			.andExpect(content().string(containsString("Anmelden")))
			.andExpect(content().string(containsString("lang=\"de\"")));
		mvc.perform(get("/login").header("Accept-Language", "fr-FR,fr;q=0.9"))
			.andExpect(content().string(containsString("Sign in")))
			.andExpect(content().string(containsString("lang=\"en\"")));
		mvc.perform(get("/help").header("Accept-Language", "de"))
			.andExpect(content().string(containsString("Hilfecenter")));

		mvc.perform(get("/api/v1/accounts/{id}", 999_999_999L).with(httpBasic("rep", "demo"))
			.header("Accept-Language", "de"))
			.andExpect(status().isNotFound())
			.andExpect(content().string(containsString("Diesen Datensatz gibt es nicht")));

		mvc.perform(get("/portal/settings").with(as(users, "customer")).header("Accept-Language", "de"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Sprache und Zeitzone")));

		String me = newRep();
		mvc.perform(get("/tasks").with(as(users, me)).header("Accept-Language", "de"))
			.andExpect(content().string(containsString("Meine Aufgaben")));
		jdbc.sql("update users set locale = 'en' where username = ?").param(me).update();
		mvc.perform(get("/tasks").with(as(users, me)).header("Accept-Language", "de"))
			.andExpect(content().string(containsString("My tasks")));
	}

	@Test
	void anUnknownZoneOrLanguageComesBackOnTheFormAndChangesNothing() throws Exception {
		String me = newRep();

		mvc.perform(post("/me/settings").with(as(users, me))
			.param("language", "de")
			.param("timeZone", "Mars/Olympus_Mons")
			.param("digestHour", "7")
			.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Unknown time zone &quot;Mars/Olympus_Mons&quot;")));
		mvc.perform(post("/me/settings").with(as(users, me))
			.param("language", "fr")
			.param("timeZone", "Europe/Berlin")
			.param("digestHour", "7")
			.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Choose English or Deutsch.")));
		mvc.perform(post("/me/settings").with(as(users, me))
			.param("language", "en")
			.param("timeZone", "Europe/Berlin")
			.param("digestHour", "24")
			.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Choose an hour from 00 to 23.")));

		assertThat(settingsOf(me)).containsEntry("locale", null)
			.containsEntry("time_zone", null)
			.containsEntry("digest_hour", 7);
	}

	@Test
	void numbersMoneyAndDatesFollowTheLocale() {
		Instant at = Instant.parse("2030-06-03T00:00:00Z");
		try {
			LocaleContextHolder.setLocaleContext(
					new SimpleTimeZoneAwareLocaleContext(Locale.GERMAN, TimeZone.getTimeZone("Europe/Berlin")));
			assertThat(fmt.money(new BigDecimal("1234.56"), "EUR")).isEqualTo("1.234,56\u00a0€");
			assertThat(fmt.number(new BigDecimal("1234.5"))).isEqualTo("1.234,5");
			assertThat(fmt.dateTime(at)).isEqualTo("03.06.2030 02:00");
			LocaleContextHolder.setLocaleContext(
					new SimpleTimeZoneAwareLocaleContext(Locale.ENGLISH, TimeZone.getTimeZone("America/New_York")));
			assertThat(fmt.money(new BigDecimal("1234.56"), "EUR")).isEqualTo("€1,234.56");
			assertThat(fmt.number(new BigDecimal("1234.5"))).isEqualTo("1,234.5");
			assertThat(fmt.dateTime(at)).isEqualTo("2030-06-02 20:00");
		}
		finally {
			LocaleContextHolder.resetLocaleContext();
		}
	}

}
