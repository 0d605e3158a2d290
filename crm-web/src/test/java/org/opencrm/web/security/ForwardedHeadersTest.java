package org.opencrm.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Through real Tomcat (its RemoteIpValve is not part of MockMvc): forwarded headers are
 * believed only from the trusted proxy. Here the "proxy" is IPv6 loopback and the test's
 * client on 127.0.0.1 is an untrusted one, as any browser behind the compose set-up's
 * nginx would be.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "crm.demo-data.enabled=true", "crm.marketing.scheduler.enabled=false",
				"crm.service.mail.scheduler-enabled=false", "crm.mail.outbox.scheduler-enabled=false",
				"crm.tasks.reminders.enabled=false", "crm.health.scheduler.enabled=false", "crm.forms.rate-limit.max=3",
				"server.tomcat.remoteip.internal-proxies=0:0:0:0:0:0:0:1" })
class ForwardedHeadersTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	final HttpClient http = HttpClient.newHttpClient();

	private HttpResponse<String> submitWebinarForm(String host, String forwardedFor, String email) throws Exception {
		String body = "firstName=Rate&lastName=Limit&company=Spam+Co&email=" + email.replace("@", "%40");
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/f/webinar"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("X-Forwarded-For", forwardedFor)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private String clientAddressOf(String email) {
		return jdbc.sql("select client_address from form_submissions where email = ?")
			.param(email)
			.query(String.class)
			.single();
	}

	@Test
	void aSpoofedForwardedForFromAnUntrustedClientIsRateLimitedOnItsRealAddress() throws Exception {
		jdbc.sql("delete from form_rate_hits where client_address = '127.0.0.1'").update();
		List<Integer> statuses = new ArrayList<>();
		String first = "spoof." + UUID.randomUUID() + "@example.com";
		statuses.add(submitWebinarForm("127.0.0.1", "203.0.113.1", first).statusCode());
		for (int i = 2; i <= 4; i++) {
			statuses.add(submitWebinarForm("127.0.0.1", "203.0.113." + i, "spoof." + UUID.randomUUID() + "@example.com")
				.statusCode());
		}
		assertThat(statuses).containsExactly(200, 200, 200, 429);
		assertThat(clientAddressOf(first)).isEqualTo("127.0.0.1");
	}

	@Test
	void forwardedHeadersFromTheTrustedProxyAreBelieved() throws Exception {
		Assumptions.assumeTrue(ipv6LoopbackReachable(), "no IPv6 loopback here");
		String email = "proxied." + UUID.randomUUID() + "@example.com";
		assertThat(submitWebinarForm("[::1]", "198.51.100.7", email).statusCode()).isEqualTo(200);
		assertThat(clientAddressOf(email)).isEqualTo("198.51.100.7");
	}

	@Test
	void aForwardedHostFromAnUntrustedClientDoesNotChangeWhereARedirectGoes() throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/accounts"))
			.header("X-Forwarded-Host", "evil.example")
			.header("X-Forwarded-Proto", "https")
			.header("X-Forwarded-Port", "443")
			.header("Forwarded", "host=evil.example;proto=https")
			.GET()
			.build();
		HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(302);
		String location = response.headers().firstValue("Location").orElseThrow();
		assertThat(location).doesNotContain("evil.example").endsWith("/login");
		assertThat(location).satisfiesAnyOf(l -> assertThat(l).startsWith("/"),
				l -> assertThat(l).startsWith("http://127.0.0.1:" + port + "/"));
	}

	@Test
	void aTrailingSlashIsTheNotFoundPageThroughTomcatToo() throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/leads/1/"))
			.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("admin:demo".getBytes()))
			.header("Accept", "application/json")
			.GET()
			.build();
		HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
	}

	private boolean ipv6LoopbackReachable() {
		try (Socket socket = new Socket(InetAddress.getByName("::1"), port)) {
			return true;
		}
		catch (Exception ex) {
			return false;
		}
	}

}
