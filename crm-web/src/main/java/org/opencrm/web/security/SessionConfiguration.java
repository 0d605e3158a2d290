package org.opencrm.web.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

/**
 * The session cookie of the PostgreSQL-backed session: invisible to scripts and not sent
 * on cross-site sub-requests. Declared here because Spring Session writes its own cookie,
 * and the server's session-cookie settings did not reach it (SecurityTest checks the
 * header).
 */
@Configuration(proxyBeanMethods = false)
class SessionConfiguration {

	@Bean
	CookieSerializer cookieSerializer() {
		DefaultCookieSerializer serializer = new DefaultCookieSerializer();
		serializer.setCookieName("SESSION");
		serializer.setUseHttpOnlyCookie(true);
		serializer.setSameSite("Lax");
		serializer.setCookiePath("/");
		return serializer;
	}

}
