package org.opencrm.web.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A 100,000-row CSV export over real HTTP: every row arrives, in order, and the server
 * streams them from an open database cursor — while the client has read only the first
 * rows and pauses, the export's query is still running or waiting in its transaction, so
 * the rows cannot all have been read into memory before the first ones were sent.
 * Schedulers off, as in the other web tests.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "crm.demo-data.enabled=true", "crm.marketing.scheduler.enabled=false",
				"crm.service.mail.scheduler-enabled=false", "crm.mail.outbox.scheduler-enabled=false",
				"crm.tasks.reminders.enabled=false" })
class ReportExportStreamingTest {

	static final int ROWS = 100_000;

	/** The export's own SQL, as pg_stat_activity shows it. */
	static final String EXPORT_SQL = "left join customer_health h on h.account_id = a.id";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	long owner;

	@AfterEach
	void removeTheRows() {
		jdbc.sql("delete from accounts where owner_id = ?").param(owner).update();
	}

	@Test
	void aHundredThousandRowExportStreamsFromAnOpenCursorAndArrivesWhole() throws Exception {
		String u = unique();
		owner = jdbc.sql("""
				insert into users (username, full_name, password_hash, role)
				values (?, ?, '{noop}unused', 'SALES_REP') returning id
				""").params("stream" + u, "Streamer " + u).query(Long.class).single();
		// Long names (about 180 bytes a row, 18 MB in all) so the export is far larger
		// than the
		// socket buffers between server and client.
		jdbc.sql("""
				insert into accounts (name, lifecycle_stage, owner_id)
				select 'Stream ' || lpad(cast(g as text), 6, '0') || ' ' || repeat('x', 150), 'CUSTOMER', ?
				from generate_series(1, ?) g
				""").params(owner, ROWS).update();
		// Revenue grows with the account, so the export (largest revenue first) starts at
		// 100000 and ends at 1.
		jdbc.sql("""
				insert into customer_health (account_id, score, band, rfm_segment, monetary, computed_at)
				select a.id, 50, 'HEALTHY', 'LOYAL', cast(substr(a.name, 8, 6) as int), now()
				from accounts a where a.owner_id = ?
				""").param(owner).update();
		List<Long> ids = jdbc.sql("select min(id), max(id) from accounts where owner_id = ?")
			.param(owner)
			.query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2)))
			.single();

		HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		signIn(http, "admin", "demo");
		HttpResponse<InputStream> response = http.send(
				HttpRequest.newBuilder(url("/reports/customer-revenue.csv?user=" + owner)).GET().build(),
				HttpResponse.BodyHandlers.ofInputStream());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/csv;charset=UTF-8");
		try (BufferedReader csv = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
			assertThat(csv.readLine())
				.isEqualTo("Account id,Account,Owner,Lifecycle stage,Segment,Revenue,Health score");
			String first = csv.readLine();

			// The client pauses: the server's query is still open — rows reached us
			// before it was read through.
			String state = exportQueryState(Duration.ofSeconds(20));
			assertThat(state).as("state of the export's database session while the client pauses")
				.isIn("active", "idle in transaction");

			long lines = 2;
			String last = first;
			for (String line = csv.readLine(); line != null; line = csv.readLine()) {
				lines++;
				last = line;
			}
			assertThat(lines).isEqualTo(ROWS + 1);
			assertThat(first).isEqualTo(ids.get(1) + ",Stream 100000 " + "x".repeat(150) + ",Streamer " + u
					+ ",CUSTOMER,LOYAL,100000.00,50");
			assertThat(last).isEqualTo(
					ids.get(0) + ",Stream 000001 " + "x".repeat(150) + ",Streamer " + u + ",CUSTOMER,LOYAL,1.00,50");
		}
		// Once the export is written, its transaction is over and the cursor closed.
		assertThat(exportQueryState(Duration.ZERO)).isNull();
	}

	/**
	 * The state of the export query's session, waiting up to {@code patience} for it to
	 * show.
	 */
	private String exportQueryState(Duration patience) throws InterruptedException {
		long until = System.nanoTime() + patience.toNanos();
		do {
			List<String> states = jdbc.sql("""
					select state from pg_stat_activity
					where datname = current_database() and pid <> pg_backend_pid() and query like ?
					  and state in ('active', 'idle in transaction')
					""").param("%" + EXPORT_SQL + "%").query(String.class).list();
			if (!states.isEmpty()) {
				return states.get(0);
			}
			Thread.sleep(100);
		}
		while (System.nanoTime() < until);
		return null;
	}

	private void signIn(HttpClient http, String username, String password) throws Exception {
		String login = http
			.send(HttpRequest.newBuilder(url("/login")).GET().build(), HttpResponse.BodyHandlers.ofString())
			.body();
		Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login);
		assertThat(csrf.find()).as("the login form's CSRF token").isTrue();
		String form = "username=" + enc(username) + "&password=" + enc(password) + "&_csrf=" + enc(csrf.group(1));
		HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(url("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
	}

	private URI url(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	private static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

	private static String unique() {
		StringBuilder s = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
		}
		return s.toString();
	}

}
