package org.opencrm.web;

import java.time.ZoneId;
import org.opencrm.test.MovableClock;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The application's clock in web tests: the real time, unless a test moves it ahead
 * (lockouts that expire, links that age). A test that moves it puts it back with
 * {@link MovableClock#reset()}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class MovableClockConfig {

	@Bean
	@Primary
	MovableClock movableClock() {
		return MovableClock.running(ZoneId.systemDefault());
	}

}
