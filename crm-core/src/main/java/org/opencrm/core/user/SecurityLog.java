package org.opencrm.core.user;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Security events (sign-ins, lockouts, denied requests, changes to users) as structured
 * log lines on one logger, {@value #LOGGER}, so they can be routed and kept apart from
 * the application log. Each event has an {@code event} key plus key-values; the request
 * id comes from the MDC. Never pass a password or a token.
 */
public final class SecurityLog {

	public static final String LOGGER = "org.opencrm.security";

	private static final Logger log = LoggerFactory.getLogger(LOGGER);

	private SecurityLog() {
	}

	/** A routine event too frequent for INFO (an API request's sign-in). */
	public static LoggingEventBuilder debug(String event) {
		return log.atDebug().setMessage(event).addKeyValue("event", event);
	}

	/** An ordinary event (a sign-in, an admin's change). */
	public static LoggingEventBuilder info(String event) {
		return log.atInfo().setMessage(event).addKeyValue("event", event);
	}

	/** An event worth a look (a failed sign-in, a lockout, a denied request). */
	public static LoggingEventBuilder warn(String event) {
		return log.atWarn().setMessage(event).addKeyValue("event", event);
	}

	/** The signed-in user acting now, for admin events ("system" outside a request). */
	public static String actor() {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		return auth == null || auth instanceof AnonymousAuthenticationToken ? "system" : auth.getName();
	}

}
