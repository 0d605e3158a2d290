package org.opencrm.web.security.totp;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.opencrm.core.user.CrmUser;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP Basic on the API checks the password only: for a user with a second factor that
 * would be a way around it, so the API refuses them (401) rather than accept the password
 * alone. A personal API token is not refused: it was made in a session that passed the
 * second factor, so it is how such a user calls the API. Not a bean, so the servlet
 * container doesn't also run it for every request; the API chain adds it.
 */
public class SecondFactorApiGuard extends OncePerRequestFilter {

	private final SecondFactors factors;

	private final AuthenticationEntryPoint entryPoint;

	public SecondFactorApiGuard(SecondFactors factors, AuthenticationEntryPoint entryPoint) {
		this.factors = factors;
		this.entryPoint = entryPoint;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth instanceof UsernamePasswordAuthenticationToken && auth.getPrincipal() instanceof CrmUser user
				&& factors.enabled(user.id())) {
			SecurityContextHolder.clearContext();
			entryPoint.commence(request, response,
					new InsufficientAuthenticationException("This account signs in with a second factor"));
			return;
		}
		chain.doFilter(request, response);
	}

}
