package org.opencrm.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.UserService;
import org.opencrm.test.MovableClock;
import org.opencrm.test.SqlStatementCounter;
import org.opencrm.web.Logins;
import org.opencrm.web.WebIntegrationTest;
import org.opencrm.web.api.token.ApiTokens;
import org.opencrm.web.api.token.CreatedToken;
import org.opencrm.web.api.token.NewToken;
import org.opencrm.web.api.token.TokenScope;
import org.opencrm.web.security.totp.SecondFactors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Personal API tokens: made and revoked on the user's own page, shown once, stored as a
 * hash, accepted as {@code Authorization: Bearer} on the API beside HTTP Basic, limited
 * by their scope, and never a session.
 */
@WebIntegrationTest
class ApiTokenTest {

	static final Pattern TOKEN = Pattern.compile("crm_[A-Za-z0-9_-]{43}");

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	ApiTokens tokens;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MovableClock clock;

	@AfterEach
	void clockBack() {
		clock.reset();
	}

	private CrmUser user(String name) {
		return users.loadUserByUsername(name).withoutPassword();
	}

	private String token(String user, TokenScope scope) {
		// Named in words: the admin's token list shows the names, and the journeys read
		// that
		// page for raw codes such as READ_WRITE.
		String name = scope == TokenScope.READ ? "test reading" : "test reading and writing";
		return tokens.create(user(user), new NewToken(name, scope, null)).token();
	}

	@Test
	void aTokenMadeOnTheOwnPageIsShownOnceAndStoredOnlyAsItsHash() throws Exception {
		MvcResult made = mvc
			.perform(post("/me/api-tokens").with(Logins.as(users, "rep"))
				.with(csrf())
				.param("name", "Reporting script")
				.param("scope", "READ"))
			.andExpect(status().isOk())
			.andReturn();
		Matcher m = TOKEN.matcher(made.getResponse().getContentAsString());
		assertThat(m.find()).as("the new token is on the page").isTrue();
		String token = m.group();

		String stored = jdbc.sql("select secret_hash from api_tokens where prefix = ?")
			.param(token.substring(0, 12))
			.query(String.class)
			.single();
		assertThat(stored).isEqualTo(sha256(token));
		assertThat(jdbc.sql("select count(*) from api_tokens where secret_hash = ? or name like ? or prefix = ?")
			.params(token, "%" + token.substring(12) + "%", token)
			.query(Long.class)
			.single()).as("the secret itself is stored nowhere").isZero();

		String page = mvc.perform(get("/me/api-tokens").with(Logins.as(users, "rep")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("Reporting script", token.substring(0, 12)).doesNotContain(token);
		mvc.perform(get("/api/v1/accounts").header("Authorization", "Bearer " + token)).andExpect(status().isOk());
	}

	@Test
	void aBearerTokenSignsInForOneRequestAndNeverWritesASession() throws Exception {
		String token = token("manager", TokenScope.READ_WRITE);
		long sessions = sessions();
		MvcResult result = mvc.perform(get("/api/v1/accounts").header("Authorization", "Bearer " + token))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items").isArray())
			.andReturn();
		assertThat(result.getResponse().getHeader("Set-Cookie")).isNull();
		assertThat(result.getRequest().getSession(false)).isNull();
		mvc.perform(post("/api/v1/accounts").header("Authorization", "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"Token Written GmbH\"}")).andExpect(status().isCreated());
		assertThat(sessions()).as("no session row for token requests").isEqualTo(sessions);
	}

	@Test
	void aReadTokenReadsButIsRefusedEveryWriteWithA403Problem() throws Exception {
		String token = token("manager", TokenScope.READ);
		mvc.perform(get("/api/v1/contacts").header("Authorization", "Bearer " + token)).andExpect(status().isOk());
		long accounts = jdbc.sql("select count(*) from accounts").query(Long.class).single();
		mvc.perform(post("/api/v1/accounts").header("Authorization", "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"Never Made Ltd\"}"))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(jsonPath("$.type").value("https://opencrm.org/problems/insufficient-scope"))
			.andExpect(header().string("WWW-Authenticate", org.hamcrest.Matchers.containsString("insufficient_scope")));
		assertThat(jdbc.sql("select count(*) from accounts").query(Long.class).single()).isEqualTo(accounts);
	}

	@Test
	void aTokenStillGetsOnlyWhatItsUsersRoleMay() throws Exception {
		String token = token("marketer", TokenScope.READ_WRITE);
		mvc.perform(get("/api/v1/tickets").header("Authorization", "Bearer " + token))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.type").value("https://opencrm.org/problems/forbidden"));
	}

	@Test
	void revokedExpiredAndUnknownTokensAre401Problems() throws Exception {
		CrmUser rep = user("rep");
		CreatedToken revoked = tokens.create(rep, new NewToken("to revoke", TokenScope.READ, null));
		mvc.perform(post("/me/api-tokens/{id}/revoke", revoked.id()).with(Logins.as(users, "rep")).with(csrf()))
			.andExpect(status().is3xxRedirection());
		expectInvalid(revoked.token());

		CreatedToken expiring = tokens.create(rep,
				new NewToken("short", TokenScope.READ, clock.instant().plus(Duration.ofHours(1))));
		mvc.perform(get("/api/v1/accounts").header("Authorization", "Bearer " + expiring.token()))
			.andExpect(status().isOk());
		clock.advance(Duration.ofHours(2));
		expectInvalid(expiring.token());

		expectInvalid("crm_" + "A".repeat(43));
		expectInvalid("not-even-ours");
	}

	private void expectInvalid(String token) throws Exception {
		mvc.perform(get("/api/v1/accounts").header("Authorization", "Bearer " + token))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(jsonPath("$.type").value("https://opencrm.org/problems/invalid-token"))
			.andExpect(header().string("WWW-Authenticate", org.hamcrest.Matchers.containsString("invalid_token")));
	}

	@Test
	void makingAndRevokingAreAuditedWithWhoDidIt() throws Exception {
		CrmUser rep = user("rep");
		mvc.perform(post("/me/api-tokens").with(Logins.as(users, "rep"))
			.with(csrf())
			.param("name", "Audited")
			.param("scope", "READ_WRITE")).andExpect(status().isOk());
		long id = jdbc.sql("select max(id) from api_tokens where user_id = ? and name = 'Audited'")
			.param(rep.id())
			.query(Long.class)
			.single();
		mvc.perform(post("/admin/api-tokens/{id}/revoke", id).with(Logins.as(users, "admin")).with(csrf()))
			.andExpect(status().is3xxRedirection());
		List<String> audit = jdbc
			.sql("select a.action || ' by ' || u.username from audit_log a join users u on u.id = a.changed_by"
					+ " where a.entity_type = 'api_token' and a.entity_id = ? order by a.id")
			.param(id)
			.query(String.class)
			.list();
		assertThat(audit).containsExactly("CREATE by rep", "UPDATE by admin");
		assertThat(jdbc.sql("select revoked_by from api_tokens where id = ?").param(id).query(Long.class).single())
			.isEqualTo(user("admin").id());
	}

	@Test
	void anAdminSeesEveryonesActiveTokensAndOthersCannotRevokeThem() throws Exception {
		CreatedToken agents = tokens.create(user("agent"), new NewToken("agent's tool", TokenScope.READ, null));
		mvc.perform(get("/admin/api-tokens").with(Logins.as(users, "admin")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString(agents.prefix())));
		mvc.perform(get("/admin/api-tokens").with(Logins.as(users, "manager"))).andExpect(status().isForbidden());
		// Someone else's token is "not found" to a user revoking it on their own page.
		mvc.perform(post("/me/api-tokens/{id}/revoke", agents.id()).with(Logins.as(users, "rep")).with(csrf()))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/tickets").header("Authorization", "Bearer " + agents.token()))
			.andExpect(status().isOk());
	}

	@Test
	void aBadNameOrAPastEndIsAFieldMessageAndMakesNoToken() throws Exception {
		long before = jdbc.sql("select count(*) from api_tokens").query(Long.class).single();
		mvc.perform(post("/me/api-tokens").with(Logins.as(users, "rep"))
			.with(csrf())
			.param("name", " ")
			.param("scope", "READ"))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("is-invalid")));
		mvc.perform(post("/me/api-tokens").with(Logins.as(users, "rep"))
			.with(csrf())
			.param("name", "yesterday")
			.param("scope", "READ")
			.param("expiresOn", "2001-01-01"))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("must lie in the future")));
		assertThat(jdbc.sql("select count(*) from api_tokens").query(Long.class).single()).isEqualTo(before);
	}

	@Test
	void theLastUseIsWrittenAtMostOnceAMinuteAndATokenCostsOneStatement() throws Exception {
		CreatedToken token = tokens.create(user("rep"), new NewToken("counted", TokenScope.READ, null));
		assertThat(tokens.authenticate(token.token())).isPresent();
		Instant first = lastUsed(token.id());
		assertThat(first).isNotNull();

		SqlStatementCounter.reset();
		assertThat(tokens.authenticate(token.token())).isPresent();
		assertThat(SqlStatementCounter.count()).as("a look-up within the minute: one statement").isEqualTo(1);
		assertThat(lastUsed(token.id())).isEqualTo(first);

		clock.advance(Duration.ofSeconds(61));
		assertThat(tokens.authenticate(token.token())).isPresent();
		assertThat(lastUsed(token.id())).isAfter(first);
	}

	@Test
	void aUserWithASecondFactorUsesATokenWhereHttpBasicIsRefused(@Autowired SecondFactors factors) throws Exception {
		CrmUser marketer = user("marketer");
		String token = token("marketer", TokenScope.READ);
		// Switched on as a confirmed enrolment leaves it (SecondFactorTest covers
		// enrolling).
		jdbc.sql("insert into user_second_factors (user_id, secret, enabled, enabled_at) values (?, ?, true, now())")
			.params(marketer.id(), "JBSWY3DPEHPK3PXP")
			.update();
		try {
			mvc.perform(get("/api/v1/segments").with(httpBasic("marketer", "demo")))
				.andExpect(status().isUnauthorized());
			mvc.perform(get("/api/v1/segments").header("Authorization", "Bearer " + token)).andExpect(status().isOk());
		}
		finally {
			factors.reset(marketer.id());
		}
	}

	private Instant lastUsed(long id) {
		return jdbc.sql("select last_used_at from api_tokens where id = ?")
			.param(id)
			.query(java.sql.Timestamp.class)
			.optional()
			.map(java.sql.Timestamp::toInstant)
			.orElse(null);
	}

	private long sessions() {
		return jdbc.sql("select count(*) from spring_session").query(Long.class).single();
	}

	static String sha256(String text) throws Exception {
		return HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
	}

}
