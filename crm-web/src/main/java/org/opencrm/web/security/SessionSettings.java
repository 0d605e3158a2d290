package org.opencrm.web.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sessions beyond Spring Session's inactivity timeout ({@code spring.session.timeout}).
 *
 * @param absoluteTimeout How long a session lives after sign-in however busy it is kept;
 * then the next request is signed out.
 */
@ConfigurationProperties("crm.session")
record SessionSettings(@DefaultValue("24h") Duration absoluteTimeout) {
}
