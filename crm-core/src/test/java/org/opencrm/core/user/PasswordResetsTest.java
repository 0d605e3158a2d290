package org.opencrm.core.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencrm.core.config.CrmSettings;
import org.opencrm.core.event.PasswordResetMailRequested;
import org.opencrm.core.signing.Signatures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest
@RecordApplicationEvents
class PasswordResetsTest {

	@Autowired
	PasswordResets resets;

	@Autowired
	UserService users;

	@Autowired
	UserPasswords passwords;

	@Autowired
	UserRepository repository;

	@Autowired
	Signatures signatures;

	@Autowired
	LoginThrottle throttle;

	@Autowired
	ApplicationEventPublisher publisher;

	@Autowired
	PasswordEncoder encoder;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEvents events;

	long id;

	@BeforeEach
	void user() {
		String name = "reset" + System.nanoTime();
		id = users.createUser(new UserCommand(name, "Re Set", name + "@example.com", Role.SALES_REP, null, true,
				"kettle-harbour-17", 0));
	}

	private String token() {
		String link = events.stream(PasswordResetMailRequested.class).reduce((a, b) -> b).orElseThrow().link();
		return link.substring(link.indexOf("token=") + 6);
	}

	private String hash() {
		return jdbc.sql("select password_hash from users where id = ?").param(id).query(String.class).single();
	}

	@Test
	void aLinkIsAskedForByUsernameOrAddressAndWorksOnce() {
		String username = users.getUser(id).username();
		resets.request(username.toUpperCase());
		assertThat(events.stream(PasswordResetMailRequested.class)).singleElement()
			.satisfies(e -> assertThat(e.to()).isEqualTo(username + "@example.com"));
		String token = token();

		assertThat(resets.reset(token, "lantern-meadow-42")).contains(username);
		assertThat(encoder.matches("lantern-meadow-42", hash())).isTrue();
		assertThat(resets.reset(token, "another-fine-phrase")).isEmpty();
		assertThat(resets.usernameFor(token)).isEmpty();

		resets.request(" " + username + "@EXAMPLE.com ");
		assertThat(events.stream(PasswordResetMailRequested.class)).hasSize(2);
	}

	@Test
	void aLinkStopsWorkingAfterThirtyMinutesOrAnyOtherPasswordChange() {
		String username = users.getUser(id).username();
		Clock later = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(31));
		PasswordResets afterHalfAnHour = new PasswordResets(repository, passwords, signatures, throttle, publisher,
				later, new CrmSettings("http://localhost"));
		resets.request(username);
		String token = token();
		assertThat(afterHalfAnHour.usernameFor(token)).isEmpty();
		assertThat(afterHalfAnHour.reset(token, "lantern-meadow-42")).isEmpty();

		assertThat(resets.usernameFor(token)).contains(username);
		passwords.changeOwnPassword(id, "kettle-harbour-17", "lantern-meadow-42");
		assertThat(resets.usernameFor(token)).isEmpty();
	}

	@Test
	void unknownNamesAndTamperedLinksGetNothing() {
		resets.request("no-such-user-anywhere");
		resets.request("nobody@nowhere.example");
		assertThat(events.stream(PasswordResetMailRequested.class)).isEmpty();
		resets.request(users.getUser(id).username());
		String token = token();
		String otherUser = (Long.parseLong(token.substring(0, token.indexOf('-'))) + 1)
				+ token.substring(token.indexOf('-'));
		assertThat(resets.usernameFor(otherUser)).isEmpty();
		String flipped = token.substring(0, token.length() - 1) + (token.endsWith("0") ? "1" : "0");
		assertThat(resets.usernameFor(flipped)).isEmpty();
		assertThat(resets.usernameFor("garbage")).isEmpty();
	}

}
