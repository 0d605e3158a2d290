package org.opencrm.web.system;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * RFC 9457 problems as the API answers them: a status, a type under {@link #TYPE_BASE}
 * and a detail. Here (not in web.api) so the error pages can answer an API path without
 * the system package depending on the API's.
 */
public final class Problems {

	public static final String TYPE_BASE = "https://opencrm.org/problems/";

	private Problems() {
	}

	public static ProblemDetail of(HttpStatus status, String type, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(TYPE_BASE + type));
		return problem;
	}

}
