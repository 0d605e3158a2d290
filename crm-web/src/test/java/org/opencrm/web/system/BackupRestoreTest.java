package org.opencrm.web.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.opencrm.CrmApplication;
import org.opencrm.test.TestDatabase;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.util.HtmlUtils;

/**
 * The backup the README documents: {@code pg_dump -Fc} of a running install,
 * {@code pg_restore} into a fresh database, and the app started on the copy (a second,
 * real application with its web server) serves the same records. The second start also
 * shows the start-up log: the URL with the real port and, with demo data, who to sign in
 * as, though the database was seeded long before.
 */
@WebIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class BackupRestoreTest {

	private static final List<String> TABLES = List.of("users", "accounts", "contacts", "interactions", "tickets",
			"kb_articles", "opportunities", "audit_log");

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Environment env;

	@TempDir
	Path dir;

	@Test
	void aDumpRestoredIntoAFreshDatabaseStartsTheAppWithTheSameRecords(CapturedOutput output) throws Exception {
		Map<String, Long> counts = counts(jdbc);
		Map<String, Object> article = jdbc.sql("""
				select id, title from kb_articles where status = 'PUBLISHED' and visibility = 'PUBLIC'
				order by id desc limit 1""").query().singleRow();
		String user = env.getProperty("spring.datasource.username");
		String password = env.getProperty("spring.datasource.password", "");
		Path dump = dir.resolve("crm.dump");

		run(password, "pg_dump", "-Fc", "--no-owner", "-U", user, "-f", dump.toString(), "-d",
				libpq(env.getProperty("spring.datasource.url")));
		assertThat(Files.size(dump)).isPositive();
		TestDatabase.Connection copy = TestDatabase.another();
		run(password, "pg_restore", "--no-owner", "--exit-on-error", "-U", user, "-d", libpq(copy.url()),
				dump.toString());

		try (ConfigurableApplicationContext restored = new SpringApplicationBuilder(CrmApplication.class)
			.properties("crm.test.own-database=true", "spring.datasource.url=" + copy.url(),
					"spring.datasource.username=" + copy.username(), "spring.datasource.password=" + copy.password(),
					"spring.datasource.hikari.maximum-pool-size=3", "server.port=0", "crm.demo-data.enabled=true",
					"crm.marketing.scheduler.enabled=false", "crm.service.mail.scheduler-enabled=false",
					"crm.mail.outbox.scheduler-enabled=false", "crm.tasks.reminders.enabled=false",
					"crm.health.scheduler.enabled=false")
			.run()) {
			assertThat(counts(restored.getBean(JdbcClient.class))).isEqualTo(counts);

			int port = ((WebServerApplicationContext) restored).getWebServer().getPort();
			HttpResponse<String> page = HttpClient.newHttpClient()
				.send(HttpRequest
					.newBuilder(URI.create("http://localhost:" + port + "/help/articles/" + article.get("id")))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.body()).contains(HtmlUtils.htmlEscape((String) article.get("title")));

			assertThat(output).contains("OpenCRM is ready at http://localhost:" + port)
				.contains("Demo data: sign in at http://localhost:" + port + "/login as admin, manager, rep, rep2, "
						+ "agent, agent2, marketer, customer, customer2 with the password 'demo'");
		}
	}

	private static Map<String, Long> counts(JdbcClient jdbc) {
		Map<String, Long> counts = new LinkedHashMap<>();
		for (String table : TABLES) {
			counts.put(table, jdbc.sql("select count(*) from " + table).query(Long.class).single());
		}
		return counts;
	}

	/** jdbc:postgresql://host:port/db?… as the libpq URI the client tools take. */
	private static String libpq(String jdbcUrl) {
		String url = jdbcUrl.substring("jdbc:".length());
		int query = url.indexOf('?');
		return query < 0 ? url : url.substring(0, query);
	}

	private void run(String password, String... command) throws IOException, InterruptedException {
		Path log = Files.createTempFile(dir, "pg", ".log");
		ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true)
			.redirectOutput(log.toFile());
		if (!password.isEmpty()) {
			pb.environment().put("PGPASSWORD", password);
		}
		Process process = pb.start();
		assertThat(process.waitFor(5, TimeUnit.MINUTES)).as(command[0] + " finished").isTrue();
		assertThat(process.exitValue()).as(command[0] + ": " + Files.readString(log, StandardCharsets.UTF_8)).isZero();
	}

}
