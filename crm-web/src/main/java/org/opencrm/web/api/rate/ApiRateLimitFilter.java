package org.opencrm.web.api.rate;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.opencrm.core.user.CrmUser;
import org.opencrm.web.api.token.ApiTokenAuthentication;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts each signed-in API request against its token's limit (or, with HTTP Basic, its
 * user's) and answers 429 with {@code Retry-After} above it; every answer carries
 * {@code RateLimit-Limit} and {@code RateLimit-Remaining}. Anonymous requests (a website
 * posting a form) are not counted here: the form endpoint limits them per address. Not a
 * bean; the API chain adds it after signing in.
 */
public class ApiRateLimitFilter extends OncePerRequestFilter {

	/** Writes the 429 answer. */
	@FunctionalInterface
	public interface Refusal {

		void refuse(HttpServletResponse response, long retryAfterSeconds, long limit) throws IOException;

	}

	private final ApiRateLimits limits;

	private final Refusal refusal;

	public ApiRateLimitFilter(ApiRateLimits limits, Refusal refusal) {
		this.limits = limits;
		this.refusal = refusal;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String subject = limits.enabled() ? subject(SecurityContextHolder.getContext().getAuthentication()) : null;
		if (subject == null) {
			chain.doFilter(request, response);
			return;
		}
		ApiRateLimits.Decision decision = limits.hit(subject);
		response.setHeader("RateLimit-Limit", Long.toString(decision.limit()));
		response.setHeader("RateLimit-Remaining", Long.toString(decision.remaining()));
		if (!decision.allowed()) {
			refusal.refuse(response, decision.retryAfterSeconds(), decision.limit());
			return;
		}
		chain.doFilter(request, response);
	}

	static String subject(Authentication authentication) {
		if (authentication instanceof ApiTokenAuthentication token) {
			return "token:" + token.tokenId();
		}
		if (authentication != null && authentication.getPrincipal() instanceof CrmUser user) {
			return "user:" + user.id();
		}
		return null;
	}

}
