package org.opencrm.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencrm.web.Logins.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * {@code sec:authorize} answers kept per roles ({@link AuthorizeDialect}): each role
 * keeps getting its own answer whichever role asked first, and only expressions of role
 * checks alone are kept.
 */
@WebIntegrationTest
class AuthorizeDialectTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	private Document home(String username) throws Exception {
		return Jsoup.parse(mvc.perform(get("/").with(as(users, username)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString());
	}

	@Test
	void eachRoleGetsItsOwnAnswerWhoeverAskedFirst() throws Exception {
		for (int round = 0; round < 2; round++) {
			// Not admin: an admin of the demo install lands on the set-up steps.
			for (String username : List.of("rep", "agent", "manager", "marketer", "agent", "rep")) {
				Document page = home(username);
				boolean sales = List.of("rep", "manager").contains(username);
				assertThat(page.select("#my-day-link")).as(username).hasSize(sales ? 1 : 0);
				assertThat(page.select("#main-nav")).as(username).hasSize(1);
			}
		}
	}

	@Test
	void everyExpressionOfTheTemplatesIsOneOfRolesAlone() throws IOException {
		Pattern attribute = Pattern.compile("sec:authorize=\"([^\"]*)\"");
		try (Stream<Path> files = Files.walk(Path.of("src/main/resources/templates"))) {
			List<String> expressions = files.filter(f -> f.toString().endsWith(".html")).flatMap(f -> {
				try {
					Matcher m = attribute.matcher(Files.readString(f));
					return m.results().map(r -> r.group(1)).toList().stream();
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			}).distinct().toList();
			assertThat(expressions).hasSizeGreaterThan(10)
				.allSatisfy(e -> assertThat(AuthorizeDialect.ROLES_ONLY.matcher(e).matches()).as(e).isTrue());
		}
	}

	@Test
	void expressionsReadingMoreThanTheRolesAreNotKept() {
		assertThat(List.of("principal.username == 'rep'", "hasRole('ADMIN') or #request.getParameter('x') != null",
				"hasIpAddress('127.0.0.1')", "hasRole(#role)", "hasRole('ADMIN') and @bell.unread() > 0",
				"authentication.name == 'admin'", "hasRole('ADMIN') or T(java.lang.Boolean).TRUE", "hasRole(${x})"))
			.allSatisfy(e -> assertThat(AuthorizeDialect.ROLES_ONLY.matcher(e).matches()).as(e).isFalse());
	}

}
