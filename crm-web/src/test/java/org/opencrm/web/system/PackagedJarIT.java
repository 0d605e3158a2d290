package org.opencrm.web.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opencrm.test.TestDatabase;

/**
 * The jar {@code ./mvnw package} builds and the image runs, started as a user would
 * ({@code java -jar} with {@code SPRING_DATASOURCE_URL} and JSON logs): it starts on an
 * empty database, serves the sign-in page, the API and its OpenAPI document, writes every
 * log line as JSON (a failed sign-in with its request id), and stops on SIGTERM in
 * seconds without an error. The tests on the class path can't see a library the
 * repackaging left out; this one can (it once missed commons-lang3, which springdoc
 * needs, and the jar failed at start-up).
 */
class PackagedJarIT {

	private static final Duration START_LIMIT = Duration.ofMinutes(5);

	private static final Duration STOP_LIMIT = Duration.ofSeconds(25);

	private final List<String> log = new CopyOnWriteArrayList<>();

	private final HttpClient http = HttpClient.newHttpClient();

	private Process app;

	@AfterEach
	void stopApp() {
		if (app != null && app.isAlive()) {
			app.destroyForcibly();
		}
	}

	@Test
	void thePackagedJarStartsServesAndStopsCleanlyWithJsonLogs() throws Exception {
		TestDatabase.Connection db = TestDatabase.get();
		int port = freePort();
		ProcessBuilder pb = new ProcessBuilder(java(), "-Xmx512m", "-jar", jar().toString(), "--server.port=" + port,
				"--crm.demo-data.enabled=true")
			.redirectErrorStream(true);
		pb.environment().put("SPRING_DATASOURCE_URL", db.url());
		pb.environment().put("SPRING_DATASOURCE_USERNAME", db.username());
		pb.environment().put("SPRING_DATASOURCE_PASSWORD", db.password());
		pb.environment().put("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs");
		pb.environment().remove("SPRING_MAIL_HOST");
		app = pb.start();
		Thread reader = new Thread(this::readLog, "packaged-jar-log");
		reader.setDaemon(true);
		reader.start();

		awaitLine("OpenCRM is ready at http://localhost:" + port, START_LIMIT);
		String base = "http://localhost:" + port;

		assertThat(get(base + "/actuator/health/readiness", null).statusCode()).isEqualTo(200);
		HttpResponse<String> login = get(base + "/login", null);
		assertThat(login.statusCode()).isEqualTo(200);
		assertThat(login.body()).contains("admin");
		HttpResponse<String> openApi = get(base + "/api/v1/openapi.json", "admin:demo");
		assertThat(openApi.statusCode()).isEqualTo(200);
		assertThat(openApi.body()).contains("\"openapi\"").contains("/api/v1/accounts");
		assertThat(get(base + "/api/v1/accounts", "admin:demo").statusCode()).isEqualTo(200);
		assertThat(get(base + "/api/v1/accounts", "admin:wrong").statusCode()).isEqualTo(401);
		awaitLine("login.failure", Duration.ofSeconds(30));

		Instant stopAsked = Instant.now();
		app.destroy();
		assertThat(app.waitFor(STOP_LIMIT.toSeconds(), TimeUnit.SECONDS))
			.as("stopped within %s of SIGTERM; last lines:%n%s", STOP_LIMIT, tail())
			.isTrue();
		reader.join(5_000);
		Duration stop = Duration.between(stopAsked, Instant.now());
		System.out.println("[crm-test] packaged jar stopped " + stop.toMillis() + " ms after SIGTERM");

		List<String> lines = log.stream().filter(line -> !line.isBlank()).toList();
		assertThat(lines).as("every log line is one JSON object")
			.allMatch(line -> line.startsWith("{") && line.endsWith("}"));
		assertThat(lines).as("no error logged from start to stop")
			.noneMatch(line -> line.contains("\"level\":\"ERROR\""));
		assertThat(lines).as("the failed sign-in, with its request id")
			.anyMatch(line -> line.contains("login.failure") && line.contains("\"requestId\""));
	}

	private HttpResponse<String> get(String url, String basic) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
		if (basic != null) {
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private void readLog() {
		try (BufferedReader in = new BufferedReader(
				new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = in.readLine()) != null) {
				log.add(line);
			}
		}
		catch (IOException ended) {
			// the process is gone
		}
	}

	private void awaitLine(String text, Duration limit) throws InterruptedException {
		Instant until = Instant.now().plus(limit);
		while (Instant.now().isBefore(until)) {
			if (log.stream().anyMatch(line -> line.contains(text))) {
				return;
			}
			if (!app.isAlive()) {
				fail("The jar stopped (exit " + app.exitValue() + ") before logging '" + text + "':\n" + tail());
			}
			Thread.sleep(250);
		}
		fail("No '" + text + "' within " + limit + ":\n" + tail());
	}

	private String tail() {
		List<String> lines = List.copyOf(log);
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
	}

	private static Path jar() throws IOException {
		try (Stream<Path> files = Files.list(Path.of("target"))) {
			return files.filter(p -> p.getFileName().toString().matches("crm-web-.*\\.jar"))
				.filter(p -> !p.getFileName().toString().endsWith("-sources.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("No packaged jar in target/ (run after package)"));
		}
	}

	private static String java() {
		return ProcessHandle.current().info().command().orElse("java");
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
