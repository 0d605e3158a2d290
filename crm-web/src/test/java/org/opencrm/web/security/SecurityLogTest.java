package org.opencrm.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencrm.web.Logins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencrm.core.user.SecurityLog;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Sign-ins, lockouts, denied requests and user changes land on the security logger,
 * without secrets.
 */
@WebIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class SecurityLogTest {

	static final String SECRET = "Tr0ub4dor-and-3-guesses";

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	final ListAppender<ILoggingEvent> events = new ListAppender<>();

	@BeforeEach
	void listen() {
		events.start();
		((Logger) LoggerFactory.getLogger(SecurityLog.LOGGER)).addAppender(events);
	}

	@AfterEach
	void stop() {
		((Logger) LoggerFactory.getLogger(SecurityLog.LOGGER)).detachAppender(events);
		jdbc.sql("delete from login_throttle").update();
	}

	private List<Map<String, String>> logged(String event) {
		return events.list.stream()
			.map(e -> e.getKeyValuePairs() == null ? Map.<String, String>of()
					: e.getKeyValuePairs()
						.stream()
						.collect(Collectors.toMap(kv -> kv.key, kv -> String.valueOf(kv.value), (a, b) -> b)))
			.filter(kv -> event.equals(kv.get("event")))
			.toList();
	}

	private String everything() {
		return events.list.stream()
			.map(e -> e.getFormattedMessage() + " " + e.getKeyValuePairs() + " " + e.getMDCPropertyMap())
			.collect(Collectors.joining("\n"));
	}

	@Test
	void aFailedSignInLogsTheNameAddressAndRequestIdButNeverThePassword(CapturedOutput output) throws Exception {
		mvc.perform(post("/login").param("username", "rep")
			.param("password", SECRET)
			.header("X-Request-Id", "req-42")
			.with(csrf())
			.with(request -> {
				request.setRemoteAddr("192.0.2.44");
				return request;
			})).andExpect(header().string("X-Request-Id", "req-42"));

		assertThat(logged("login.failure")).singleElement().satisfies(kv -> {
			assertThat(kv).containsEntry("username", "rep")
				.containsEntry("remoteAddr", "192.0.2.44")
				.containsEntry("reason", "bad credentials");
		});
		assertThat(events.list).filteredOn(e -> e.getFormattedMessage().equals("login.failure"))
			.singleElement()
			.satisfies(e -> assertThat(e.getMDCPropertyMap()).containsEntry("requestId", "req-42"));
		assertThat(everything()).doesNotContain(SECRET);
		// The console line: event, name and request id, no password.
		assertThat(output.getAll()).contains("login.failure")
			.contains("[req-42]")
			.contains("username=\"rep\"")
			.doesNotContain(SECRET);
	}

	@Test
	void aLineBreakTypedAsTheUsernameCannotForgeASecondLogLine(CapturedOutput output) throws Exception {
		mvc.perform(post("/login").param("username", "mallory\r\n2026-12-06 INFO forged : login.success")
			.param("password", SECRET)
			.with(csrf())
			.with(request -> {
				request.setRemoteAddr("192.0.2.45");
				return request;
			}));

		assertThat(output.getAll()).contains("username=\"mallory??2026-12-06 INFO forged : login.success\"")
			.doesNotContainPattern("(?m)^2026-12-06 INFO forged");
	}

	@Test
	void successesLockoutsAndDeniedRequestsAreLogged() throws Exception {
		mvc.perform(post("/login").param("username", "agent").param("password", "demo").with(csrf()));
		assertThat(logged("login.success")).anySatisfy(kv -> assertThat(kv).containsEntry("username", "agent"));

		for (int i = 0; i < 5; i++) {
			mvc.perform(post("/login").param("username", "locked.out").param("password", SECRET + i).with(csrf()));
		}
		assertThat(logged("login.lockout")).singleElement()
			.satisfies(kv -> assertThat(kv).containsEntry("username", "locked.out").containsKey("lockedUntil"));
		mvc.perform(post("/login").param("username", "locked.out").param("password", SECRET).with(csrf()));
		assertThat(logged("login.failure")).anySatisfy(kv -> assertThat(kv).containsEntry("reason", "throttled"));

		mvc.perform(get("/admin/users").with(as(users, "rep"))).andExpect(status().isForbidden());
		assertThat(logged("access.denied"))
			.anySatisfy(kv -> assertThat(kv).containsEntry("username", "rep").containsEntry("path", "/admin/users"));
		assertThat(everything()).doesNotContain(SECRET);
	}

	private List<Level> levelsOf(String event) {
		return events.list.stream()
			.filter(e -> e.getFormattedMessage().equals(event))
			.map(ILoggingEvent::getLevel)
			.toList();
	}

	@Test
	void apiSignInsSucceedAtDebugWhileFormSignInsAndApiFailuresStayVisible() throws Exception {
		Logger logger = (Logger) LoggerFactory.getLogger(SecurityLog.LOGGER);
		Level before = logger.getLevel();
		logger.setLevel(Level.DEBUG);
		try {
			mvc.perform(get("/api/v1/leads").with(httpBasic("rep", "demo"))).andExpect(status().isOk());
			assertThat(levelsOf("login.success")).containsExactly(Level.DEBUG);
			mvc.perform(get("/api/v1/leads").with(httpBasic("rep", SECRET))).andExpect(status().isUnauthorized());
			assertThat(levelsOf("login.failure")).containsExactly(Level.WARN);

			events.list.clear();
			mvc.perform(post("/login").param("username", "rep").param("password", "demo").with(csrf()));
			assertThat(levelsOf("login.success")).containsExactly(Level.INFO);
		}
		finally {
			logger.setLevel(before);
		}
	}

	@Test
	void anAdminsChangesToUsersAreLoggedWithWhoDidThem() throws Exception {
		mvc.perform(post("/admin/users").param("username", "logged.user")
			.param("fullName", "Logged User")
			.param("role", "SALES_REP")
			.param("enabled", "true")
			.param("password", SECRET)
			.with(csrf())
			.with(as(users, "admin")));
		assertThat(logged("user.created")).singleElement()
			.satisfies(kv -> assertThat(kv).containsEntry("actor", "admin")
				.containsEntry("username", "logged.user")
				.containsEntry("role", "SALES_REP"));
		long id = users.loadUserByUsername("logged.user").id();

		mvc.perform(post("/admin/users/{id}", id).param("username", "logged.user")
			.param("fullName", "Logged User")
			.param("role", "MANAGER")
			.param("password", "lantern-meadow-42")
			.param("version", String.valueOf(users.getUser(id).version()))
			.with(csrf())
			.with(as(users, "admin")));
		assertThat(logged("user.changed")).singleElement()
			.satisfies(kv -> assertThat(kv).containsEntry("actor", "admin")
				.containsEntry("role", "SALES_REP -> MANAGER")
				.containsEntry("enabled", "true -> false"));
		assertThat(logged("user.disabled")).hasSize(1);
		assertThat(logged("password.set.byAdmin")).hasSize(1);
		assertThat(everything()).doesNotContain(SECRET).doesNotContain("lantern-meadow-42");
	}

	@Test
	void aRequestIdThatIsNotASaneTokenIsReplaced() throws Exception {
		String id = mvc.perform(get("/login").header("X-Request-Id", "evil\nforged log line"))
			.andReturn()
			.getResponse()
			.getHeader("X-Request-Id");
		assertThat(id).isNotBlank().matches("[0-9a-f-]{36}");
		assertThat(mvc.perform(get("/login")).andReturn().getResponse().getHeader("X-Request-Id")).isNotBlank();
	}

}
