package org.opencrm.web.api.token;

/**
 * What a personal API token may do: read only (GET, HEAD, OPTIONS), or everything its
 * owner's role may do.
 */
public enum TokenScope {

	READ, READ_WRITE;

	/** Whether a request with this HTTP method is within the scope. */
	public boolean permits(String method) {
		return this == READ_WRITE || method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
	}

}
