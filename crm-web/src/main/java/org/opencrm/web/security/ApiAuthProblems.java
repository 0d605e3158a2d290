package org.opencrm.web.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * 401, 403 and 429 (sign-in throttled) of the JSON API as RFC 9457 problem details,
 * written before any controller runs.
 */
final class ApiAuthProblems {

	private ApiAuthProblems() {
	}

	static void unauthorized(HttpServletRequest request, HttpServletResponse response, Exception ex)
			throws IOException {
		if (ex instanceof LoginThrottledException throttled) {
			// 429 with Retry-After: the client should wait, not re-send the same
			// credentials.
			long seconds = Math.max(1, throttled.waitFor().toSeconds() + 1);
			response.setHeader("Retry-After", Long.toString(seconds));
			write(response, 429, "too-many-sign-in-failures", "Too Many Requests",
					"Too many failed sign-ins for this user or from this address: sign-in is paused. Try again after the"
							+ " time in Retry-After.");
			return;
		}
		response.setHeader("WWW-Authenticate", "Basic realm=\"opencrm\"");
		response.addHeader("WWW-Authenticate", "Bearer realm=\"opencrm\"");
		write(response, 401, "unauthorized", "Unauthorized",
				"Sign in with HTTP Basic (user name and password) or a personal API token (Authorization: Bearer).");
	}

	/** A bearer token we don't know, or one revoked or expired (RFC 6750 3.1). */
	static void invalidToken(HttpServletRequest request, HttpServletResponse response, Exception ex)
			throws IOException {
		response.setHeader("WWW-Authenticate", "Bearer realm=\"opencrm\", error=\"invalid_token\"");
		write(response, 401, "invalid-token", "Unauthorized",
				"The API token is unknown, revoked or expired. Create a new one on your API tokens page.");
	}

	/** A read-only token asked to change something (RFC 6750 3.1). */
	static void insufficientScope(HttpServletRequest request, HttpServletResponse response, Exception ex)
			throws IOException {
		response.setHeader("WWW-Authenticate", "Bearer realm=\"opencrm\", error=\"insufficient_scope\"");
		write(response, 403, "insufficient-scope", "Forbidden",
				"This API token may only read (GET); use a read-write token to change records.");
	}

	/** Over the API's request limit: wait {@code seconds}. */
	static void tooManyRequests(HttpServletResponse response, long seconds, long limit) throws IOException {
		response.setHeader("Retry-After", Long.toString(seconds));
		write(response, 429, "rate-limited", "Too Many Requests", "More than " + limit
				+ " API requests in this window for this token or user. Try again after the time in Retry-After.");
	}

	static void forbidden(HttpServletRequest request, HttpServletResponse response, Exception ex) throws IOException {
		write(response, 403, "forbidden", "Forbidden", "Your role may not use this part of the API.");
	}

	private static void write(HttpServletResponse response, int status, String type, String title, String detail)
			throws IOException {
		response.setStatus(status);
		response.setContentType("application/problem+json");
		response.setCharacterEncoding("UTF-8");
		response.getWriter()
			.write("{\"type\":\"https://opencrm.org/problems/" + type + "\",\"title\":\"" + title + "\",\"status\":"
					+ status + ",\"detail\":\"" + detail + "\"}");
	}

}
