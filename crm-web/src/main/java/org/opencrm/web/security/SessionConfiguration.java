package org.opencrm.web.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import javax.sql.DataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionOperations;
import org.opencrm.web.database.ReadRetry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.io.ResourceLoader;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.session.SessionIdGenerator;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.config.annotation.web.http.EnableJdbcHttpSession;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

/**
 * The PostgreSQL-backed session (tables by Flyway): its ids, its cookie, and how it is
 * written (see {@link SessionWrites}). Declared rather than auto-configured because
 * Spring Session's filter must use {@link SessionWrites}, not the plain repository.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SessionSettings.class)
@EnableJdbcHttpSession
class SessionConfiguration {

	/**
	 * Attributes are written with {@code insert … on conflict do update}: two requests of
	 * one session (tabs, htmx polling) adding the same attribute at once otherwise fail
	 * the second with a duplicate key, a 500 after its work was saved.
	 */
	@Bean
	PostgreSqlJdbcIndexedSessionRepositoryCustomizer attributesUpserted() {
		return new PostgreSqlJdbcIndexedSessionRepositoryCustomizer();
	}

	/**
	 * Timeouts, and attributes read through {@link SessionAttributeReads} (the security
	 * context and CSRF token kept per stored bytes rather than deserialised on every
	 * request).
	 */
	@Bean
	SessionRepositoryCustomizer<JdbcIndexedSessionRepository> sessionSettings(SessionSettings settings,
			ResourceLoader resources) {
		return sessions -> {
			sessions.setDefaultMaxInactiveInterval(settings.timeout());
			sessions.setCleanupCron(settings.cleanupCron());
			sessions.setConversionService(SessionAttributeReads.conversions(resources.getClassLoader()));
		};
	}

	/**
	 * Spring Session's statements in a JDBC transaction when nothing else is open
	 * ({@link SessionTransactions}). Only where the name is asked for
	 * ({@code springSessionTransactionOperations}, Spring Session's qualifier): not a
	 * default candidate, so Boot's {@code TransactionTemplate} and the JPA transaction
	 * manager stay what every other bean is given (SessionTransactionsTest).
	 */
	@Bean(defaultCandidate = false)
	TransactionOperations springSessionTransactionOperations(DataSource dataSource,
			PlatformTransactionManager transactions) {
		return new SessionTransactions(dataSource, transactions);
	}

	/**
	 * 27 random bytes, base64url: 216 bits in the 36 characters of
	 * {@code spring_session.session_id} (a UUID carries 122).
	 */
	@Bean
	SessionIdGenerator randomSessionIds() {
		SecureRandom random = new SecureRandom();
		return () -> {
			byte[] bytes = new byte[27];
			random.nextBytes(bytes);
			return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		};
	}

	/** What Spring Session's filter and {@link UserSessions} use. */
	@Bean
	@Primary
	SessionWrites sessionWrites(JdbcIndexedSessionRepository sessions, SessionSettings settings, ReadRetry retry) {
		return new SessionWrites(sessions, settings.accessWriteInterval(), retry::read);
	}

	/** Around Spring Session's filter, so what a request saved isn't seen by the next. */
	@Bean
	FilterRegistrationBean<OncePerRequestFilter> sessionWritesRequestEnd() {
		OncePerRequestFilter filter = new OncePerRequestFilter() {
			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				try {
					chain.doFilter(request, response);
				}
				finally {
					SessionWrites.requestEnded();
				}
			}
		};
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 1);
		return registration;
	}

	/**
	 * Invisible to scripts and not sent on cross-site sub-requests. Declared here because
	 * Spring Session writes its own cookie, and the server's session-cookie settings did
	 * not reach it (SecurityTest checks the header).
	 */
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
