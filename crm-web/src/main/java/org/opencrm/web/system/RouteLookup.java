package org.opencrm.web.system;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.PathContainer;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Finding the controller method of an address with an id in it ({@code /accounts/42},
 * {@code /marketing/segments/7/count}) without trying every route. Spring MVC looks such
 * an address up by testing all ~440 routes in turn (only addresses without variables are
 * found in a map), each test matching the method, headers, media types and the path
 * pattern: a fifth of a small answer's CPU. Here a route whose pattern starts with
 * literal segments ({@code marketing}, {@code segments}) that differ from the address's
 * is passed over before that test; every other route is tested exactly as before, so
 * which method answers, and every 404 and 405, stays Spring's decision.
 * <p>
 * The segments compared are the decoded ones Spring's patterns match
 * ({@code /acc%6Funts/4} still reaches {@code /accounts/{id}}), with the patterns' case
 * rule.
 */
@Configuration(proxyBeanMethods = false)
class RouteLookup {

	@Bean
	WebMvcRegistrations literalPrefixedRoutes() {
		return new WebMvcRegistrations() {
			@Override
			public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
				return new LiteralPrefixMapping();
			}
		};
	}

	/** Passes over the routes whose leading literal segments the path lacks. */
	static final class LiteralPrefixMapping extends RequestMappingHandlerMapping {

		/** Per route: per pattern, its leading literal segments; none if any has none. */
		private final Map<RequestMappingInfo, String[][]> prefixes = new ConcurrentHashMap<>();

		@Override
		protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
			if (!couldMatch(info, request)) {
				return null;
			}
			return super.getMatchingMapping(info, request);
		}

		private boolean couldMatch(RequestMappingInfo info, HttpServletRequest request) {
			if (!ServletRequestPathUtils.hasParsedRequestPath(request)) {
				return true;
			}
			String[][] literals = this.prefixes.computeIfAbsent(info, LiteralPrefixMapping::leadingLiterals);
			if (literals.length == 0) {
				return true;
			}
			List<PathContainer.Element> path = ServletRequestPathUtils.getParsedRequestPath(request)
				.pathWithinApplication()
				.elements();
			boolean caseSensitive = getPatternParser() == null || getPatternParser().isCaseSensitive();
			for (String[] pattern : literals) {
				if (startsWith(path, pattern, caseSensitive)) {
					return true;
				}
			}
			return false;
		}

		/**
		 * Whether the path's first segments are these (a path element list alternates
		 * separators and segments).
		 */
		static boolean startsWith(List<PathContainer.Element> path, String[] literals, boolean caseSensitive) {
			int segment = 0;
			for (PathContainer.Element element : path) {
				if (segment == literals.length) {
					return true;
				}
				if (element instanceof PathContainer.PathSegment part) {
					String value = part.valueToMatch();
					if (caseSensitive ? !value.equals(literals[segment]) : !value.equalsIgnoreCase(literals[segment])) {
						return false;
					}
					segment++;
				}
			}
			return segment == literals.length;
		}

		/**
		 * The literal segments each pattern starts with
		 * ({@code /marketing/segments/{id}}: marketing, segments); an empty array (test
		 * every path) when the route has no parsed patterns or one of them starts with a
		 * variable or wildcard.
		 */
		static String[][] leadingLiterals(RequestMappingInfo info) {
			PathPatternsRequestCondition condition = info.getPathPatternsCondition();
			if (condition == null || condition.getPatterns().isEmpty()) {
				return new String[0][];
			}
			List<String[]> all = new ArrayList<>();
			for (PathPattern pattern : condition.getPatterns()) {
				String[] literals = leadingLiterals(pattern.getPatternString());
				if (literals.length == 0) {
					return new String[0][];
				}
				all.add(literals);
			}
			return all.toArray(new String[0][]);
		}

		static String[] leadingLiterals(String pattern) {
			List<String> literals = new ArrayList<>();
			for (String segment : pattern.split("/", -1)) {
				if (segment.isEmpty() && literals.isEmpty()) {
					// The separator the pattern starts with.
					continue;
				}
				if (segment.isEmpty() || segment.indexOf('{') >= 0 || segment.indexOf('*') >= 0
						|| segment.indexOf('?') >= 0 || segment.indexOf(';') >= 0 || segment.indexOf('%') >= 0) {
					break;
				}
				literals.add(segment);
			}
			return literals.toArray(new String[0]);
		}

	}

}
