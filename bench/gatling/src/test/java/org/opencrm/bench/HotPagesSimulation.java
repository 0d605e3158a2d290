package org.opencrm.bench;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.headerRegex;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

/**
 * The hot pages in Gatling's open model: every page gets {@code rate} new requests per second for
 * {@code seconds}, whatever the answers' speed (a closed loop like wrk slows its offered load down when
 * the app slows down; real users don't wait for each other). Each virtual user is one signed-in person's
 * request: the sessions and pages are the files bench/load/run.sh wrote to its output folder
 * ({@code sessions-USER.txt}: cookie and CSRF token per line; {@code pages.txt}: name|user|method|path).
 * An answer other than 200/302, or a redirect to the sign-in page, fails the request.
 */
public class HotPagesSimulation extends Simulation {

	private final String base = System.getProperty("base", "http://127.0.0.1:18085");

	private final Path dir = Path.of(System.getProperty("sessions", "."));

	private final double rate = Double.parseDouble(System.getProperty("rate", "5"));

	private final int seconds = Integer.getInteger("seconds", 60);

	public HotPagesSimulation() throws IOException {
		List<PopulationBuilder> populations = new ArrayList<>();
		for (String line : Files.readAllLines(dir.resolve("pages.txt"))) {
			if (line.isBlank()) {
				continue;
			}
			String[] page = line.split("\\|", 4);
			HttpRequestActionBuilder request = ("POST".equals(page[2])
					? http(page[0]).post(page[3]).formParam("_csrf", "#{csrf}") : http(page[0]).get(page[3]))
				.header("Cookie", "#{cookie}")
				.check(status().in(200, 302), headerRegex("Location", ".*/login.*").notExists());
			populations.add(scenario(page[0]).feed(sessions(page[1]))
				.exec(request)
				.injectOpen(constantUsersPerSec(this.rate).during(this.seconds)));
		}
		setUp(populations).protocols(http.baseUrl(this.base).disableFollowRedirect().shareConnections());
	}

	/** The user's signed-in sessions, round robin. */
	private Iterator<Map<String, Object>> sessions(String user) throws IOException {
		List<Map<String, Object>> all = new ArrayList<>();
		for (String line : Files.readAllLines(this.dir.resolve("sessions-" + user + ".txt"))) {
			String[] parts = line.split("\t", 2);
			all.add(Map.of("cookie", parts[0], "csrf",
					URLDecoder.decode(parts.length > 1 ? parts[1] : "", StandardCharsets.UTF_8)));
		}
		AtomicInteger next = new AtomicInteger();
		return new Iterator<>() {
			@Override
			public boolean hasNext() {
				return true;
			}

			@Override
			public Map<String, Object> next() {
				return all.get(Math.floorMod(next.getAndIncrement(), all.size()));
			}
		};
	}

}
