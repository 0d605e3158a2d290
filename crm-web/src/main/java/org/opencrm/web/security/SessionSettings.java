package org.opencrm.web.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long sessions live and how often they are written.
 *
 * @param timeout How long a session lives without a request.
 * @param cleanupCron When expired sessions are deleted ({@code -}: never, for tests).
 * @param absoluteTimeout How long a session lives after sign-in however busy it is kept;
 * then the next request is signed out.
 * @param accessWriteInterval How stale the stored last-access time may grow before a
 * request that changed nothing else writes it: requests in between read the session and
 * write nothing, and a session may end up to this much earlier than the inactivity
 * timeout says.
 */
@ConfigurationProperties("crm.session")
record SessionSettings(@DefaultValue("8h") Duration timeout, @DefaultValue("0 * * * * *") String cleanupCron,
		@DefaultValue("24h") Duration absoluteTimeout, @DefaultValue("60s") Duration accessWriteInterval) {
}
