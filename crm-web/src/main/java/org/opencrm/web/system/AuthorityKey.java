package org.opencrm.web.system;

import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.thymeleaf.web.IWebExchange;

/**
 * Who a page is rendered for, as far as role checks can tell: the kind of sign-in,
 * whether it is authenticated and every authority (sorted). Two requests with equal keys
 * get the same answer from any check of roles, so what is kept by it
 * ({@link LayoutParts}, the answers of {@code sec:authorize} in {@code AuthorizeDialect})
 * is never shown to another role.
 * <p>
 * A page asks for it about ten times (each kept part, each role check); it is worked out
 * once per request and sign-in, and again should the request's sign-in change.
 */
public final class AuthorityKey {

	private static final String ATTRIBUTE = AuthorityKey.class.getName();

	private AuthorityKey() {
	}

	/** The key of {@code authentication}, remembered in the request for that sign-in. */
	public static Object of(Authentication authentication, IWebExchange exchange) {
		if (authentication == null) {
			return List.of();
		}
		boolean authenticated = authentication.isAuthenticated();
		if (exchange != null && exchange.getAttributeValue(ATTRIBUTE) instanceof Remembered remembered
				&& remembered.authentication() == authentication && remembered.authenticated() == authenticated) {
			return remembered.key();
		}
		List<String> authorities = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.sorted()
			.toList();
		Object key = List.of(authentication.getClass(), authenticated, authorities);
		if (exchange != null) {
			exchange.setAttributeValue(ATTRIBUTE, new Remembered(authentication, authenticated, key));
		}
		return key;
	}

	private record Remembered(Authentication authentication, boolean authenticated, Object key) {
	}

}
