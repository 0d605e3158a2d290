package org.opencrm.web.system;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;

/**
 * LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs turns the console, the security log's too, into
 * JSON lines that carry the request id; without it the pattern applies.
 */
class ConsoleLogEncoderTest {

	private final LoggerContext context = new LoggerContext();

	private String encode(ConsoleLogEncoder encoder) {
		context.putObject(Environment.class.getName(),
				new MockEnvironment().withProperty("spring.application.name", "opencrm"));
		encoder.setContext(context);
		encoder.start();
		LoggingEvent event = new LoggingEvent("x", context.getLogger("org.opencrm.security"), Level.INFO,
				"sign-in failed", null, null);
		event.setMDCPropertyMap(Map.of("requestId", "req-42", "clientAddress", "127.0.0.1"));
		// As SecurityEvents log them: a key the MDC must not have too (ECS refuses a
		// duplicate and drops the line).
		event.setKeyValuePairs(List.of(new KeyValuePair("remoteAddr", "127.0.0.1")));
		return new String(encoder.encode(event), StandardCharsets.UTF_8);
	}

	@Test
	void ecsWritesOneJsonLineWithTheRequestId() {
		ConsoleLogEncoder encoder = new ConsoleLogEncoder();
		encoder.setStructuredFormat("ecs");
		encoder.setPattern("%m%n");
		String line = encode(encoder);
		assertThat(line).startsWith("{")
			.endsWith("}\n")
			.contains("\"requestId\":\"req-42\"")
			.contains("\"message\":\"sign-in failed\"")
			.contains("org.opencrm.security")
			.contains("\"remoteAddr\":\"127.0.0.1\"");
	}

	@Test
	void withoutAFormatThePatternApplies() {
		ConsoleLogEncoder encoder = new ConsoleLogEncoder();
		encoder.setStructuredFormat("");
		encoder.setPattern("[%X{requestId}] %m%n");
		assertThat(encode(encoder)).isEqualTo("[req-42] sign-in failed\n");
	}

}
