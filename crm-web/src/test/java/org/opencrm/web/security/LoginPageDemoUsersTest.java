package org.opencrm.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.opencrm.web.WebIntegrationTest;
import org.opencrm.web.demo.DemoUsers;
import org.opencrm.web.demo.DemoUsers.DemoUser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.ui.ExtendedModelMap;

/**
 * With demo data on, the sign-in page lists every account the demo company signs in with,
 * and only those.
 */
@WebIntegrationTest
class LoginPageDemoUsersTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theListIsEveryUserTheDemoDataCreated() {
		// The seed gives all its users one BCrypt hash per module (staff, portal
		// customers): whoever still shares admin's or customer's was made by it. Other
		// tests may add users or change a password, never add one with these hashes.
		Set<DemoUser> seeded = jdbc.sql("""
				select username, role from users
				where password_hash in (select password_hash from users where username in ('admin', 'customer'))""")
			.query((rs, n) -> new DemoUser(rs.getString(1), org.opencrm.core.user.Role.valueOf(rs.getString(2))))
			.set();
		Set<DemoUser> existing = jdbc.sql("select username, role from users")
			.query((rs, n) -> new DemoUser(rs.getString(1), org.opencrm.core.user.Role.valueOf(rs.getString(2))))
			.set();
		assertThat(DemoUsers.ALL).containsAll(seeded);
		assertThat(existing).containsAll(DemoUsers.ALL);
	}

	@Test
	void theSignInPageNamesEachDemoUserWithTheirRole() throws Exception {
		String page = mvc.perform(get("/login"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		List<String> listed = page.lines()
			.filter(line -> line.contains("<code>"))
			.map(line -> line.substring(line.indexOf("<code>") + 6, line.indexOf("</code>")))
			.toList();
		assertThat(listed).containsExactlyElementsOf(DemoUsers.ALL.stream().map(DemoUser::username).toList());
		assertThat(page).contains("Demo users, each with the password &quot;demo&quot;:")
			.contains("<code>rep2</code> &middot;")
			.contains("Support agent")
			.contains("Customer");
	}

	@Test
	void withoutDemoDataThePageListsNobody() {
		ExtendedModelMap model = new ExtendedModelMap();
		new LoginController(new MockEnvironment()).login(model);
		assertThat((List<?>) model.get("demoUsers")).isEmpty();
		ExtendedModelMap demo = new ExtendedModelMap();
		new LoginController(new MockEnvironment().withProperty("crm.demo-data.enabled", "true")).login(demo);
		assertThat((List<?>) demo.get("demoUsers")).hasSize(DemoUsers.ALL.size());
	}

}
