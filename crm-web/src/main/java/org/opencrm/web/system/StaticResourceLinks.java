package org.opencrm.web.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;
import org.springframework.web.servlet.resource.ResourceUrlProvider;

/**
 * Links to static files get their version (see {@link StaticResources}); every other link
 * is left alone without being looked up.
 * <p>
 * Spring's {@link ResourceUrlEncodingFilter} matches each link a page writes
 * ({@code /tickets/42}, {@code /accounts?page=2}) against every resource handler's
 * pattern, splitting the path into segments each time: 7 % of the service queue's CPU,
 * for links that can never be static files. A pattern can only match a path that starts
 * with the pattern's literal part ({@code /webjars} of {@code /webjars/**}), so only
 * links under one of those are passed to the {@link ResourceUrlProvider}, which then
 * versions them exactly as the filter did. Boot registers Spring's filter unless one of
 * its type is registered already: {@link StaticResources} registers this one in its
 * place.
 */
class StaticResourceLinks extends ResourceUrlEncodingFilter {

	private final ObjectProvider<ResourceUrlProvider> resources;

	/** The literal start of each resource handler's pattern, found on first use. */
	private volatile List<String> staticPaths;

	StaticResourceLinks(ObjectProvider<ResourceUrlProvider> resources) {
		this.resources = resources;
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse page)) {
			throw new ServletException("Static resource links need an HTTP request");
		}
		chain.doFilter(request, new Links(http, page));
	}

	/** The link with its static file's version, or the link itself. */
	String versioned(String contextPath, String url) {
		if (!url.startsWith(contextPath) || !underAStaticPath(url, contextPath.length())) {
			return url;
		}
		int end = endOfPath(url);
		if (end <= contextPath.length()) {
			return url;
		}
		String versioned = this.resources.getObject().getForLookupPath(url.substring(contextPath.length(), end));
		return versioned == null ? url : contextPath + versioned + url.substring(end);
	}

	private boolean underAStaticPath(String url, int from) {
		for (String path : staticPaths()) {
			if (url.startsWith(path, from)) {
				return true;
			}
		}
		return false;
	}

	private List<String> staticPaths() {
		List<String> paths = this.staticPaths;
		if (paths == null) {
			paths = this.resources.getObject()
				.getHandlerMap()
				.keySet()
				.stream()
				.map(StaticResourceLinks::literalStart)
				.toList();
			if (!paths.isEmpty()) {
				// The handlers are known once the context has started.
				this.staticPaths = paths;
			}
		}
		return paths;
	}

	/**
	 * {@code /webjars/**} → {@code /webjars}: the part every matching path starts with.
	 */
	static String literalStart(String pattern) {
		int wildcard = pattern.length();
		for (char c : new char[] { '*', '?', '{' }) {
			int at = pattern.indexOf(c);
			if (at >= 0 && at < wildcard) {
				wildcard = at;
			}
		}
		int lastSlash = pattern.lastIndexOf('/', wildcard - 1);
		// "/webjars/**" also matches "/webjars": stop before the slash.
		return lastSlash <= 0 ? "/" : pattern.substring(0, lastSlash);
	}

	private static int endOfPath(String url) {
		int end = url.length();
		for (char c : new char[] { '?', '#' }) {
			int at = url.indexOf(c);
			if (at >= 0 && at < end) {
				end = at;
			}
		}
		return end;
	}

	private final class Links extends HttpServletResponseWrapper {

		private final HttpServletRequest request;

		Links(HttpServletRequest request, HttpServletResponse response) {
			super(response);
			this.request = request;
		}

		@Override
		public String encodeURL(String url) {
			return super.encodeURL(versioned(this.request.getContextPath(), url));
		}

	}

}
