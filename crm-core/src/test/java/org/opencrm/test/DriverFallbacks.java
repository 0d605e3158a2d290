package org.opencrm.test;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.Arrays;
import java.util.List;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.support.JdbcUtils;

/**
 * Spring's property mappers ({@code JdbcClient.query(Type.class)}) ask pgjdbc for an
 * {@code Instant} with {@code getObject(column, Instant.class)}, which throws (a stack
 * trace per column and row) before Spring falls back; JdbcUtils says so at debug level.
 * {@link #during} lists what it said while some work ran, each message with the
 * application's frame that read the row.
 */
public final class DriverFallbacks {

	private DriverFallbacks() {
	}

	/** Work that may throw, as a MockMvc request does. */
	public interface Work {

		void run() throws Exception;

	}

	public static List<String> during(Work work) throws Exception {
		Logger logger = (Logger) LoggerFactory.getLogger(JdbcUtils.class);
		Level before = logger.getLevel();
		ListAppender<ILoggingEvent> events = new ListAppender<>();
		events.start();
		logger.setLevel(Level.DEBUG);
		logger.addAppender(events);
		try {
			work.run();
		}
		finally {
			logger.detachAppender(events);
			logger.setLevel(before);
		}
		return events.list.stream().map(DriverFallbacks::withReader).toList();
	}

	private static String withReader(ILoggingEvent event) {
		IThrowableProxy driver = event.getThrowableProxy();
		return event.getFormattedMessage() + (driver == null ? ""
				: Arrays.stream(driver.getStackTraceElementProxyArray())
					.map(StackTraceElementProxy::getStackTraceElement)
					.filter(frame -> frame.getClassName().startsWith("org.opencrm."))
					.findFirst()
					.map(frame -> " at " + frame)
					.orElse(""));
	}

}
