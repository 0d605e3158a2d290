package org.opencrm.web.security.totp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.opencrm.web.Logins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.UserCommand;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A staff member turns on TOTP; signing in then needs the code (or a recovery code) after
 * the password.
 */
@WebIntegrationTest
class SecondFactorTest {

	static final String PASSWORD = "correct horse battery";

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	private String newUser() {
		String username = "totp." + UUID.randomUUID().toString().substring(0, 8);
		users.createUser(new UserCommand(username, "Otto Pee", null, Role.SALES_REP, null, true, PASSWORD, 0));
		return username;
	}

	private long idOf(String username) {
		return jdbc.sql("select id from users where username = ?").param(username).query(Long.class).single();
	}

	private static String codeAt(String secret, long epochSeconds) {
		return Totp.code(Totp.unbase32(secret), Totp.step(epochSeconds), Totp.DIGITS);
	}

	/**
	 * Signs in with the password and returns the cookie of the session (Spring Session's)
	 * that now waits for the code.
	 */
	private Cookie[] password(String username) throws Exception {
		return mvc.perform(formLogin("/login").user(username).password(PASSWORD))
			.andExpect(redirectedUrl(SecondFactorLogin.PAGE))
			.andExpect(authenticated().withRoles(SecondFactorLogin.PENDING_ROLE))
			.andReturn()
			.getResponse()
			.getCookies();
	}

	private List<String> enrol(String username) throws Exception {
		mvc.perform(get("/account/second-factor").with(as(users, username)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Set up two-step sign-in")));
		mvc.perform(post("/account/second-factor/start").with(as(users, username)).with(csrf()))
			.andExpect(redirectedUrl("/account/second-factor"));
		String secret = jdbc.sql("select secret from user_second_factors where user_id = ?")
			.param(idOf(username))
			.query(String.class)
			.single();
		mvc.perform(get("/account/second-factor").with(as(users, username)))
			.andExpect(content().string(containsString("otpauth://totp/OpenCRM%3A" + username + "?secret=" + secret)));
		mvc.perform(
				post("/account/second-factor/confirm").param("code", "000000").with(as(users, username)).with(csrf()))
			.andExpect(content().string(containsString("That code is not right.")));
		// The previous step's code still counts (clock drift), and is used up by
		// confirming.
		String html = mvc
			.perform(post("/account/second-factor/confirm")
				.param("code", codeAt(secret, Instant.now().getEpochSecond() - 30))
				.with(as(users, username))
				.with(csrf()))
			.andExpect(content().string(containsString("Two-step sign-in is on.")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		List<String> codes = new ArrayList<>();
		var m = java.util.regex.Pattern.compile("<li>([a-z0-9]{5}-[a-z0-9]{5})</li>").matcher(html);
		while (m.find()) {
			codes.add(m.group(1));
		}
		assertThat(codes).hasSize(SecondFactors.RECOVERY_CODES);
		codes.add(0, secret);
		return codes;
	}

	@Test
	void rfc6238TestVectors() {
		byte[] key = "12345678901234567890".getBytes();
		assertThat(Totp.code(key, Totp.step(59), 8)).isEqualTo("94287082");
		assertThat(Totp.code(key, Totp.step(1111111109), 8)).isEqualTo("07081804");
		assertThat(Totp.code(key, Totp.step(1234567890), 8)).isEqualTo("89005924");
		assertThat(Totp.unbase32(Totp.base32(key))).isEqualTo(key);
	}

	@Test
	void afterEnrolmentSigningInNeedsTheCodeWhichWorksOnce() throws Exception {
		String username = newUser();
		String secret = enrol(username).get(0);

		Cookie[] session = password(username);
		// The password alone opens nothing.
		mvc.perform(get("/accounts").cookie(session).accept(MediaType.TEXT_HTML)).andExpect(status().isForbidden());
		mvc.perform(post(SecondFactorLogin.PAGE).param("code", "123").cookie(session).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("That code is not right.")));
		String now = codeAt(secret, Instant.now().getEpochSecond());
		var done = mvc.perform(post(SecondFactorLogin.PAGE).param("code", now).cookie(session).with(csrf()))
			.andExpect(redirectedUrl("/"))
			.andExpect(authenticated().withUsername(username).withRoles("SALES_REP"))
			.andReturn();
		mvc.perform(get("/accounts").cookie(done.getResponse().getCookies())).andExpect(status().isOk());

		// The same code again (a replay) is refused.
		Cookie[] again = password(username);
		mvc.perform(post(SecondFactorLogin.PAGE).param("code", now).cookie(again).with(csrf()))
			.andExpect(content().string(containsString("That code is not right.")));
	}

	@Test
	void aRecoveryCodeSignsInOnceAndWrongCodesStartOver() throws Exception {
		String username = newUser();
		String recovery = enrol(username).get(1);

		Cookie[] session = password(username);
		mvc.perform(post(SecondFactorLogin.PAGE).param("code", recovery.toUpperCase()).cookie(session).with(csrf()))
			.andExpect(redirectedUrl("/"));
		Cookie[] again = password(username);
		for (int i = 1; i < SecondFactorLogin.MAX_FAILURES; i++) {
			mvc.perform(post(SecondFactorLogin.PAGE).param("code", recovery).cookie(again).with(csrf()))
				.andExpect(status().isOk());
		}
		mvc.perform(post(SecondFactorLogin.PAGE).param("code", recovery).cookie(again).with(csrf()))
			.andExpect(redirectedUrl("/login?error"));
		mvc.perform(get("/account/second-factor").with(as(users, username)))
			.andExpect(content().string(containsString("9 recovery codes left")));
	}

	@Test
	void theApiRefusesThePasswordAloneAndAnAdminResetRestoresIt() throws Exception {
		String username = newUser();
		enrol(username);
		mvc.perform(get("/api/v1/leads").with(httpBasic(username, PASSWORD))).andExpect(status().isUnauthorized());

		mvc.perform(post("/admin/users/{id}/second-factor/reset", idOf(username)).with(as(users, "rep")).with(csrf()))
			.andExpect(status().isForbidden());
		mvc.perform(post("/admin/users/{id}/second-factor/reset", idOf(username)).with(as(users, "admin")).with(csrf()))
			.andExpect(redirectedUrl("/admin/users/" + idOf(username) + "/edit"));
		mvc.perform(formLogin("/login").user(username).password(PASSWORD))
			.andExpect(redirectedUrl("/"))
			.andExpect(authenticated().withRoles("SALES_REP"));
		mvc.perform(get("/api/v1/leads").with(httpBasic(username, PASSWORD))).andExpect(status().isOk());
	}

}
