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
		write(response, 401, "unauthorized", "Unauthorized", "Sign in with HTTP Basic (user name and password).");
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
