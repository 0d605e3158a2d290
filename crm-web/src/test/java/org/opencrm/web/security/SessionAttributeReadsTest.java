package org.opencrm.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.opencrm.web.Logins;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.convert.ConversionService;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Session attributes read through {@link SessionAttributeReads}: the security context and
 * CSRF token are kept per stored bytes, yet each request gets its own context, other
 * attributes are read afresh, and a session that was signed out or ended is refused at
 * once.
 */
@WebIntegrationTest
class SessionAttributeReadsTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserSessions sessions;

	private final ConversionService conversions = SessionAttributeReads.conversions(getClass().getClassLoader());

	private byte[] stored(Object value) {
		return conversions.convert(value, byte[].class);
	}

	private Object read(byte[] stored) {
		return conversions.convert(stored, Object.class);
	}

	private static SecurityContext context(String username, String role) {
		return new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(username, null,
				AuthorityUtils.createAuthorityList(role)));
	}

	@Test
	void eachReadOfAContextIsItsOwnAndSignOutInOneLeavesTheNextAlone() {
		byte[] rep = stored(context("rep", "ROLE_SALES_REP"));
		SecurityContext first = (SecurityContext) read(rep);
		SecurityContext second = (SecurityContext) read(rep);
		assertThat(second).isNotSameAs(first);
		// What a sign-out does to the request's context.
		second.setAuthentication(null);
		SecurityContext third = (SecurityContext) read(rep);
		assertThat(third.getAuthentication().getName()).isEqualTo("rep");
		assertThat(third.getAuthentication().getAuthorities()).extracting(Object::toString)
			.containsExactly("ROLE_SALES_REP");
	}

	@Test
	void otherBytesAreReadAfresh() {
		byte[] rep = stored(context("rep", "ROLE_SALES_REP"));
		read(rep);
		SecurityContext admin = (SecurityContext) read(stored(context("rep", "ROLE_ADMIN")));
		assertThat(admin.getAuthentication().getAuthorities()).extracting(Object::toString)
			.containsExactly("ROLE_ADMIN");
		DefaultCsrfToken token = new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "token-a");
		assertThat(((DefaultCsrfToken) read(stored(token))).getToken()).isEqualTo("token-a");
		assertThat(
				((DefaultCsrfToken) read(stored(new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "token-b")))).getToken())
			.isEqualTo("token-b");
	}

	@Test
	void otherAttributesAreDeserialisedOnEachRead() {
		byte[] list = stored(new ArrayList<>(List.of("flash")));
		@SuppressWarnings("unchecked")
		List<String> first = (List<String>) read(list);
		first.clear();
		assertThat(read(list)).isNotSameAs(first).isEqualTo(List.of("flash"));
	}

	private String logoutToken(Cookie session) throws Exception {
		String html = mvc.perform(get("/me/password").cookie(session))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return Jsoup.parse(html).select("form[action=/logout] input[name=_csrf]").attr("value");
	}

	@Test
	void aSignedOutSessionIsRefusedOnItsNextRequest() throws Exception {
		Cookie session = Logins.signIn(mvc, "rep2");
		logoutToken(session);
		String token = logoutToken(session);

		mvc.perform(post("/logout").cookie(session).param("_csrf", token)).andExpect(redirectedUrl("/login?logout"));

		mvc.perform(get("/me/password").cookie(session)).andExpect(redirectedUrl("/login"));
	}

	@Test
	void aSessionEndedElsewhereIsRefusedOnItsNextRequest() throws Exception {
		// What an admin's change of someone's role or a new password does (UserSessions).
		Cookie session = Logins.signIn(mvc, "rep2");
		logoutToken(session);
		logoutToken(session);

		sessions.endOthers("rep2", Set.of());

		mvc.perform(get("/me/password").cookie(session)).andExpect(redirectedUrl("/login"));
	}

}
