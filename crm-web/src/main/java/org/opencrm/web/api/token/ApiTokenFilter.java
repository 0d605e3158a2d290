package org.opencrm.web.api.token;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.opencrm.core.user.SecurityLog;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer <token>} on the API, beside HTTP Basic: a valid personal
 * token signs its user in for this request only (the API chain is stateless: no session
 * is read or written); an unknown, revoked or expired one is a 401; a read-only token
 * asking to change something is a 403. Not a bean, so the servlet container doesn't also
 * run it for every request; the API chain adds it.
 */
public class ApiTokenFilter extends OncePerRequestFilter {

	private static final String BEARER = "bearer ";

	private final ApiTokens tokens;

	private final AuthenticationEntryPoint invalid;

	private final AccessDeniedHandler outOfScope;

	public ApiTokenFilter(ApiTokens tokens, AuthenticationEntryPoint invalid, AccessDeniedHandler outOfScope) {
		this.tokens = tokens;
		this.invalid = invalid;
		this.outOfScope = outOfScope;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader("Authorization");
		if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			chain.doFilter(request, response);
			return;
		}
		Optional<TokenUser> found = tokens.authenticate(header.substring(BEARER.length()).strip());
		if (found.isEmpty()) {
			SecurityContextHolder.clearContext();
			SecurityLog.warn("login.failure")
				.addKeyValue("reason", "invalid API token")
				.addKeyValue("remoteAddr", request.getRemoteAddr())
				.log();
			invalid.commence(request, response, new BadCredentialsException("Unknown, revoked or expired API token"));
			return;
		}
		TokenUser token = found.get();
		if (!token.scope().permits(request.getMethod())) {
			outOfScope.handle(request, response, new AccessDeniedException("The token may only read"));
			return;
		}
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(new ApiTokenAuthentication(token));
		SecurityContextHolder.setContext(context);
		chain.doFilter(request, response);
	}

}
