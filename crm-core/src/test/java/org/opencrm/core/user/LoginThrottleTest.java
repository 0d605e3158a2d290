package org.opencrm.core.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencrm.test.MovableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest
class LoginThrottleTest {

	@Autowired
	JdbcClient jdbc;

	final MovableClock clock = MovableClock.fixedAt(Instant.parse("2026-12-06T12:00:00Z"));

	LoginThrottle throttle;

	@BeforeEach
	void setUp() {
		jdbc.sql("delete from login_throttle").update();
		throttle = new LoginThrottle(jdbc, clock);
	}

	private void fail(String username, String address, int times) {
		for (int i = 0; i < times; i++) {
			throttle.failed(username, address);
		}
	}

	@Test
	void fiveFailuresLockAnAccountForOneThenFiveThenFifteenMinutes() {
		fail("victim", "10.0.0.1", 4);
		assertThat(throttle.check("victim", "10.0.0.2").locked()).isFalse();

		fail("victim", "10.0.0.1", 1);
		assertThat(throttle.check("VICTIM", "10.0.0.2").retryAfter()).isEqualTo(Duration.ofMinutes(1));
		clock.advance(Duration.ofMinutes(1));
		assertThat(throttle.check("victim", "10.0.0.2").locked()).isFalse();

		fail("victim", "10.0.0.1", 5);
		assertThat(throttle.check("victim", "10.0.0.2").retryAfter()).isEqualTo(Duration.ofMinutes(5));
		clock.advance(Duration.ofMinutes(5));
		fail("victim", "10.0.0.1", 5);
		assertThat(throttle.check("victim", "10.0.0.2").retryAfter()).isEqualTo(Duration.ofMinutes(15));
		clock.advance(Duration.ofMinutes(15));
		fail("victim", "10.0.0.1", 5);
		assertThat(throttle.check("victim", "10.0.0.2").retryAfter()).isEqualTo(Duration.ofMinutes(15));
	}

	@Test
	void aSuccessAndADayWithoutFailuresStartTheCountAfresh() {
		fail("forgetful", "10.0.0.1", 4);
		assertThat(throttle.check("forgetful", "10.0.0.1").accountHasFailures()).isTrue();
		throttle.succeeded("forgetful");
		fail("forgetful", "10.0.0.1", 4);
		assertThat(throttle.check("forgetful", "10.0.0.1").locked()).isFalse();

		fail("forgetful", "10.0.0.1", 1);
		clock.advance(Duration.ofMinutes(1));
		fail("forgetful", "10.0.0.1", 5);
		assertThat(throttle.check("forgetful", "10.0.0.1").retryAfter()).isEqualTo(Duration.ofMinutes(5));
		clock.advance(Duration.ofDays(2));
		fail("forgetful", "10.0.0.1", 5);
		assertThat(throttle.check("forgetful", "10.0.0.1").retryAfter()).isEqualTo(Duration.ofMinutes(1));
	}

	@Test
	void fiftyFailuresFromOneAddressWithinFifteenMinutesBlockItForEveryName() {
		for (int i = 0; i < 49; i++) {
			throttle.failed("name" + (i / 4), "203.0.113.9");
		}
		assertThat(throttle.check("someone.else", "203.0.113.9").locked()).isFalse();
		throttle.failed("name.last", "203.0.113.9");
		assertThat(throttle.check("someone.else", "203.0.113.9").retryAfter()).isEqualTo(Duration.ofMinutes(15));
		assertThat(throttle.check("someone.else", "203.0.113.10").locked()).isFalse();
		// Spread out, the same number of failures blocks nothing.
		clock.advance(Duration.ofMinutes(15));
		for (int i = 0; i < 60; i++) {
			clock.advance(Duration.ofMinutes(1));
			throttle.failed("spread" + (i / 4), "203.0.113.77");
		}
		assertThat(throttle.check("anyone", "203.0.113.77").locked()).isFalse();
	}

	@Test
	void namesThatExistAndNamesThatDontAreCountedAlike() {
		fail("admin", "10.0.0.1", 5);
		fail("nobody-by-this-name", "10.0.0.1", 5);
		assertThat(throttle.check("admin", "10.0.0.3").retryAfter())
			.isEqualTo(throttle.check("nobody-by-this-name", "10.0.0.3").retryAfter());
	}

}
