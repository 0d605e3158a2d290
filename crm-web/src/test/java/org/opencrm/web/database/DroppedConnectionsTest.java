package org.opencrm.web.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Requests in flight when the database drops connections ({@code pg_terminate_backend},
 * as a restart or fail-over does), over real HTTP: a GET answers 200 with the whole page
 * — the session read and read-only transactions run once more on a new connection — and a
 * POST whose write was cut off answers the complete error page with nothing written; no
 * response is ever cut short. Only this application's connections are terminated (their
 * {@code application_name}); the test's own SQL runs on connections of its own.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "crm.demo-data.enabled=true", "crm.marketing.scheduler.enabled=false",
				"crm.service.mail.scheduler-enabled=false", "crm.mail.outbox.scheduler-enabled=false",
				"crm.tasks.reminders.enabled=false", "crm.health.scheduler.enabled=false",
				"spring.datasource.hikari.data-source-properties.ApplicationName=" + DroppedConnectionsTest.APP })
class DroppedConnectionsTest {

	static final String APP = "opencrm-dropped-connections";

	static final List<String> PAGES = List.of("/contacts", "/accounts", "/service/tickets", "/tasks", "/dashboard",
			"/reports/customer-revenue");

	@LocalServerPort
	int port;

	@Value("${spring.datasource.url}")
	String databaseUrl;

	@Value("${spring.datasource.username}")
	String databaseUser;

	@Value("${spring.datasource.password}")
	String databasePassword;

	/** The test's own connection, outside the application's pool. */
	Connection admin;

	HttpClient http;

	@BeforeEach
	void signIn() throws Exception {
		admin = connect();
		http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		String form = "username=manager&password=demo&_csrf=" + enc(csrf("/login"));
		HttpResponse<String> signedIn = http
			.send(page(url("/login")).header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
	}

	@AfterEach
	void closeConnection() throws SQLException {
		admin.close();
	}

	@Test
	void afterEveryConnectionWasTerminatedEachGetAnswersTheWholePage() throws Exception {
		for (int round = 0; round < 3; round++) {
			for (String page : PAGES) {
				terminateOurConnections();

				HttpResponse<String> response = get(page);

				assertThat(response.statusCode()).as(page).isEqualTo(200);
				assertThat(whole(response)).as(page).isTrue();
			}
		}
	}

	@Test
	void aGetWhoseQueryIsCutOffAnswersTheWholePage() throws Exception {
		get("/accounts");

		// The list waits for a table lock; its connection is terminated while it waits.
		HttpResponse<String> response = cutOffWhileWaitingFor("lock table accounts in access exclusive mode",
				page(url("/accounts")).GET().build());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(whole(response)).isTrue();
	}

	@Test
	void aPostWhoseWriteIsCutOffAnswersTheWholeErrorPageAndWritesNothing() throws Exception {
		String form = "name=Cut+off&_csrf=" + enc(csrf("/reports/customer-revenue"));

		HttpResponse<String> response = cutOffWhileWaitingFor("lock table saved_reports in exclusive mode",
				page(url("/reports/customer-revenue/views")).header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString(form))
					.build());

		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(whole(response)).isTrue();
		assertThat(response.body()).contains("error-page");
		assertThat(count("select count(*) from saved_reports where name = 'Cut off'")).isZero();
		// The next request is served normally.
		assertThat(get("/reports").statusCode()).isEqualTo(200);
	}

	@Test
	void whileConnectionsAreTerminatedEverySecondNoResponseIsCutShort() throws Exception {
		String token = csrf("/reports/customer-revenue");
		AtomicBoolean running = new AtomicBoolean(true);
		CompletableFuture<Void> terminator = CompletableFuture.runAsync(() -> {
			while (running.get()) {
				sleep(1000);
				// Not once more after the test stopped: the next test starts on a quiet
				// pool.
				if (running.get()) {
					terminateOurConnections();
				}
			}
		});
		List<String> failures = new ArrayList<>();
		int gets = 0;
		int getsOk = 0;
		int posts = 0;
		int postsOk = 0;
		try {
			for (int i = 0; i < 60; i++) {
				HttpResponse<String> page = get(PAGES.get(i % PAGES.size()));
				gets++;
				getsOk += page.statusCode() == 200 ? 1 : 0;
				check(page, failures);
				if (i % 3 == 0) {
					HttpResponse<String> saved = http.send(page(url("/reports/customer-revenue/views"))
						.header("Content-Type", "application/x-www-form-urlencoded")
						.POST(HttpRequest.BodyPublishers.ofString("name=Busy+" + i + "&_csrf=" + enc(token)))
						.build(), HttpResponse.BodyHandlers.ofString());
					posts++;
					if (saved.statusCode() == 302) {
						postsOk++;
					}
					else {
						check(saved, failures);
					}
				}
			}
		}
		finally {
			running.set(false);
			terminator.join();
		}
		System.out.printf(
				"[dropped-connections] GET %d/%d answered 200, POST %d/%d saved, the rest whole error pages%n", getsOk,
				gets, postsOk, posts);
		assertThat(failures).isEmpty();
	}

	/**
	 * A whole page (200) or a whole error page (500: ours, or the container's when even
	 * rendering ours met a dropped connection); any other status or a cut-off body is a
	 * failure.
	 */
	private static void check(HttpResponse<String> response, List<String> failures) {
		String path = response.request().uri().getPath();
		if (response.statusCode() != 200 && response.statusCode() != 500) {
			failures.add(path + " answered " + response.statusCode());
		}
		else if (!whole(response)) {
			failures.add(path + " answered " + response.statusCode() + " with a cut-off body: " + tail(response));
		}
	}

	private static String tail(HttpResponse<String> response) {
		String body = response.body().strip();
		return body.length() <= 300 ? body : "…" + body.substring(body.length() - 300);
	}

	private static boolean whole(HttpResponse<String> response) {
		return response.body().strip().endsWith("</html>");
	}

	/**
	 * Holds {@code lock} in a transaction of its own, sends {@code request}, terminates
	 * the application's connection once it waits for that lock, then lets the lock go and
	 * returns the response.
	 */
	private HttpResponse<String> cutOffWhileWaitingFor(String lock, HttpRequest request) throws Exception {
		CompletableFuture<HttpResponse<String>> response;
		try (Connection locker = connect()) {
			locker.setAutoCommit(false);
			try (Statement st = locker.createStatement()) {
				st.execute(lock);
			}
			response = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
			assertThat(terminateOnceWaiting()).as("the request's connection waited for the lock").isTrue();
			locker.rollback();
		}
		return response.get();
	}

	private boolean terminateOnceWaiting() throws SQLException {
		long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (System.nanoTime() < until) {
			if (terminate("wait_event_type = 'Lock'") > 0) {
				return true;
			}
			sleep(20);
		}
		return false;
	}

	private void terminateOurConnections() {
		try {
			terminate("true");
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Terminates the application's connections that match {@code condition}. */
	private long terminate(String condition) throws SQLException {
		try (PreparedStatement st = admin.prepareStatement(
				"select count(pg_terminate_backend(pid)) from pg_stat_activity where datname = current_database()"
						+ " and application_name = ? and " + condition)) {
			st.setString(1, APP);
			try (ResultSet rs = st.executeQuery()) {
				rs.next();
				return rs.getLong(1);
			}
		}
	}

	private long count(String sql) throws SQLException {
		try (Statement st = admin.createStatement(); ResultSet rs = st.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	private Connection connect() throws SQLException {
		return DriverManager.getConnection(databaseUrl, databaseUser, databasePassword);
	}

	private HttpResponse<String> get(String path) throws Exception {
		return http.send(page(url(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private String csrf(String page) throws Exception {
		Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(get(page).body());
		assertThat(token.find()).as("a CSRF token on " + page).isTrue();
		return token.group(1);
	}

	/** A request as a browser sends it (Accept: text/html, so errors answer the page). */
	private static HttpRequest.Builder page(URI uri) {
		return HttpRequest.newBuilder(uri).header("Accept", "text/html");
	}

	private URI url(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	private static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
