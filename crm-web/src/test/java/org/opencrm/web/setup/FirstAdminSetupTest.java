package org.opencrm.web.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.hamcrest.Matchers.containsString;
import static org.opencrm.web.Logins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.opencrm.core.company.CompanyProfiles;
import org.opencrm.core.company.UpdateCompanyProfile;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.UserCommand;
import org.opencrm.core.user.UserService;
import org.opencrm.test.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An install on an empty database without demo data: the defaults are seeded once, and
 * the first admin comes from the settings or from the one-time set-up page, which then
 * disappears; the first admin then lands on the set-up steps.
 */
@SpringBootTest(properties = { "crm.test.own-database=true", "crm.embedded-db.enabled=false",
		"crm.demo-data.enabled=false", "crm.marketing.scheduler.enabled=false",
		"crm.service.mail.scheduler-enabled=false", "crm.mail.outbox.scheduler-enabled=false",
		"crm.tasks.reminders.enabled=false", "crm.health.scheduler.enabled=false" })
@AutoConfigureMockMvc
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FirstAdminSetupTest {

	static final TestDatabase.Connection EMPTY = TestDatabase.another();

	@DynamicPropertySource
	static void emptyDatabase(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", EMPTY::url);
		registry.add("spring.datasource.username", EMPTY::username);
		registry.add("spring.datasource.password", EMPTY::password);
		registry.add("spring.datasource.hikari.maximum-pool-size", () -> "3");
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	FirstAdmin firstAdmin;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	UserService users;

	@Autowired
	CompanyProfiles company;

	private long count(String table) {
		return jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

	private String token() {
		return jdbc.sql("select token from setup_token").query(String.class).single();
	}

	@Test
	@Order(1)
	void theFirstStartSeedsWhatAnEmptyInstallNeedsAndNoUser() {
		assertThat(count("users")).isZero();
		assertThat(count("pipelines")).isEqualTo(1);
		assertThat(count("pipeline_stages")).isEqualTo(6);
		assertThat(count("service_queues")).isEqualTo(1);
		assertThat(count("business_calendars")).isEqualTo(1);
		assertThat(count("business_hours")).isEqualTo(5);
		assertThat(count("sla_policies")).isEqualTo(4);
		assertThat(token()).hasSize(48);
	}

	@Test
	@Order(2)
	void adminSettingsCreateTheFirstAdminOnce() {
		tx.executeWithoutResult(status -> {
			status.setRollbackOnly();
			var outcome = firstAdmin.onFirstStart(new BootstrapSettings("root", "a long enough secret"));
			assertThat(outcome.kind()).isEqualTo(FirstAdmin.Kind.CREATED);
			assertThat(jdbc.sql("select role from users where username = 'root'").query(String.class).single())
				.isEqualTo("ADMIN");
			assertThat(count("setup_token")).isZero();
			// Seeding again changes nothing.
			assertThat(firstAdmin.onFirstStart(new BootstrapSettings("other", "another long secret")).kind())
				.isEqualTo(FirstAdmin.Kind.USERS_EXIST);
			assertThat(count("users")).isEqualTo(1);
			assertThat(count("pipelines")).isEqualTo(1);
			assertThat(count("sla_policies")).isEqualTo(4);
		});
	}

	@Test
	@Order(3)
	void theSetUpPageNeedsTheLoggedTokenAndAStrongPasswordThenDisappears() throws Exception {
		String token = token();
		mvc.perform(get("/setup")).andExpect(status().isNotFound());
		mvc.perform(get("/setup").param("token", "0".repeat(48))).andExpect(status().isNotFound());
		mvc.perform(get("/setup").param("token", token))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Create the first administrator")));

		mvc.perform(post("/setup").with(csrf())
			.param("token", "wrong")
			.param("username", "boss")
			.param("fullName", "The Boss")
			.param("password", "a long enough secret")
			.param("confirmPassword", "a long enough secret")).andExpect(status().isNotFound());
		mvc.perform(post("/setup").with(csrf())
			.param("token", token)
			.param("username", "boss")
			.param("fullName", "The Boss")
			.param("password", "short")
			.param("confirmPassword", "short"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("The password needs at least 10 characters.")));
		String tooLong = "é".repeat(40);
		mvc.perform(post("/setup").with(csrf())
			.param("token", token)
			.param("username", "boss")
			.param("fullName", "The Boss")
			.param("password", tooLong)
			.param("confirmPassword", tooLong))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("The password may be at most 72 bytes long")));
		mvc.perform(post("/setup").with(csrf())
			.param("token", token)
			.param("username", "boss")
			.param("fullName", "The Boss")
			.param("password", "a long enough secret")
			.param("confirmPassword", "a long enough secreT"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("The two passwords differ.")));
		assertThat(count("users")).isZero();

		mvc.perform(post("/setup").with(csrf())
			.param("token", token)
			.param("username", "boss")
			.param("fullName", "The Boss")
			.param("password", "a long enough secret")
			.param("confirmPassword", "a long enough secret")).andExpect(redirectedUrl("/login?setup"));
		assertThat(jdbc.sql("select role from users where username = 'boss'").query(String.class).single())
			.isEqualTo("ADMIN");
		mvc.perform(formLogin("/login").user("boss").password("a long enough secret"))
			.andExpect(authenticated().withUsername("boss"));

		mvc.perform(get("/setup").param("token", token)).andExpect(status().isNotFound());
		mvc.perform(post("/setup").with(csrf())
			.param("token", token)
			.param("username", "boss2")
			.param("fullName", "Second")
			.param("password", "a long enough secret")
			.param("confirmPassword", "a long enough secret")).andExpect(status().isNotFound());
		assertThat(count("users")).isEqualTo(1);
	}

	/**
	 * The first admin of a new install lands on the set-up steps, each done or not from
	 * the install's state; dismissed, the start page is the admin's day; once every step
	 * is done, it is the day too.
	 */
	@Test
	@Order(4)
	void theFirstAdminLandsOnTheSetUpStepsUntilDoneOrDismissed() throws Exception {
		String steps = mvc.perform(get("/").with(as(users, "boss")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(steps).contains("Set up your CRM", "3 of 5 steps done", "href=\"/admin/users\"",
				"href=\"/admin/company\"");
		assertThat(SetupStepsOnDemoDataTest.stepStates(steps)).containsExactly(entry("users", "open"),
				entry("pipeline", "done"), entry("queue", "done"), entry("company", "open"), entry("mail", "done"));
		// The Admin menu opens the same steps.
		mvc.perform(get("/admin/setup").with(as(users, "boss")))
			.andExpect(content().string(containsString("3 of 5 steps done")));

		mvc.perform(post("/admin/setup/dismiss").with(csrf()).with(as(users, "boss"))).andExpect(redirectedUrl("/"));
		assertThat(count("setup_checklist")).isOne();
		mvc.perform(get("/").with(as(users, "boss"))).andExpect(content().string(containsString("Your day")));
		mvc.perform(post("/admin/setup/reopen").with(csrf()).with(as(users, "boss")))
			.andExpect(redirectedUrl("/admin/setup"));
		mvc.perform(get("/").with(as(users, "boss"))).andExpect(content().string(containsString("Set up your CRM")));

		users.createUser(new UserCommand("rita", "Rita Rep", "rita@example.com", Role.SALES_REP, null, true,
				"a long enough secret", 0));
		company.update(new UpdateCompanyProfile("Boss Ltd", null, false, company.branding().version()));
		mvc.perform(get("/admin/setup").with(as(users, "boss")))
			.andExpect(content().string(containsString("5 of 5 steps done")));
		mvc.perform(get("/").with(as(users, "boss"))).andExpect(content().string(containsString("Your day")));
		// Other roles never see the steps, and may not open them.
		mvc.perform(get("/").with(as(users, "rita"))).andExpect(content().string(containsString("Your day")));
		mvc.perform(get("/admin/setup").with(as(users, "rita"))).andExpect(status().isForbidden());
	}

}
