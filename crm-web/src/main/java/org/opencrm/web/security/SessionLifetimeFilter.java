package org.opencrm.web.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.opencrm.core.user.SecurityLog;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The absolute lifetime of a session ({@code crm.session.absolute-timeout}, a day by
 * default): the inactivity timeout alone lets a session kept busy live for ever. A
 * session older than that since it was created is ended on its next request, which then
 * goes on as signed out. Right after Spring Session's filter, so the session is the
 * shared one (its creation time is stored with it).
 */
@Component
@EnableConfigurationProperties(SessionSettings.class)
@Order(SessionRepositoryFilter.DEFAULT_ORDER + 1)
class SessionLifetimeFilter extends OncePerRequestFilter {

	private final Duration lifetime;

	private final Clock clock;

	SessionLifetimeFilter(SessionSettings settings, Clock clock) {
		this.lifetime = settings.absoluteTimeout();
		this.clock = clock;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		HttpSession session = request.getSession(false);
		if (session != null && tooOld(session)) {
			var e = SecurityLog.info("session.expired").addKeyValue("reason", "absolute lifetime");
			if (session.getAttribute(
					HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY) instanceof SecurityContext context
					&& context.getAuthentication() != null) {
				e = e.addKeyValue("username", context.getAuthentication().getName());
			}
			session.invalidate();
			e.log();
		}
		chain.doFilter(request, response);
	}

	private boolean tooOld(HttpSession session) {
		try {
			return Instant.ofEpochMilli(session.getCreationTime()).plus(lifetime).isBefore(clock.instant());
		}
		catch (IllegalStateException alreadyInvalid) {
			return false;
		}
	}

}
