package org.opencrm.web.customer;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opencrm.core.access.AccountAccess;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.Visibility;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.NumberUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Defence in depth for every page about one customer: a dashboard, its timeline pages,
 * quick actions and the areas' customer pages and forms (any route naming an account or a
 * contact by a path variable). The services check the same rule ({@link AccountAccess})
 * themselves; this makes sure a read-only section added to a customer page can't forget
 * it. An account or contact the user may not see is "not found", the same 404 as an id
 * that doesn't exist.
 * <p>
 * It looks at the route the request was mapped to and its DECODED path variables, and
 * reads the id the way the controller's {@code long} parameter will
 * ({@link NumberUtils#parseNumber}), so {@code /accounts/%34}, {@code /accounts/+4},
 * {@code /accounts/04} and {@code /accounts/0x4} are all checked as account 4 (matching
 * the raw request URI let them through). One statement per request, none for users who
 * see every customer, and none for a handler whose first read checks the same rule in its
 * query ({@link AccessInFirstRead}: the dashboards).
 */
@Configuration
class CustomerAccessInterceptor implements HandlerInterceptor, WebMvcConfigurer {

	/**
	 * Route patterns such as /accounts/{id}, /contacts/{id}/timeline,
	 * /sales/accounts/{id}/purchases, /partners/accounts/{accountId},
	 * /service/customers/accounts/{id}/tier: group 1 is the kind, group 2 the name of the
	 * path variable holding the id.
	 */
	static final Pattern CUSTOMER_ROUTE = Pattern
		.compile("^(?:/sales|/partners|/service/customers)?/(accounts?|contacts?)/\\{(\\w+)}(?:/.*)?$");

	private final AccountAccess access;

	CustomerAccessInterceptor(AccountAccess access) {
		this.access = access;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this);
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		Object route = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		if (route == null) {
			return true;
		}
		// A String, or a PathPattern whose toString() is its pattern text.
		Matcher m = CUSTOMER_ROUTE.matcher(route.toString());
		if (!m.matches()
				|| handler instanceof HandlerMethod method && method.hasMethodAnnotation(AccessInFirstRead.class)) {
			return true;
		}
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth == null || !(auth.getPrincipal() instanceof CrmUser user) || user.role() == Role.CUSTOMER) {
			// Not staff: the security rules answer (sign-in page or 403).
			return true;
		}
		Visibility visibility = Visibility.of(user);
		if (visibility.scope() == Visibility.Scope.ALL) {
			return true;
		}
		@SuppressWarnings("unchecked")
		Map<String, String> variables = (Map<String, String>) request
			.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
		String value = variables == null ? null : variables.get(m.group(2));
		long id;
		try {
			id = NumberUtils.parseNumber(value, Long.class);
		}
		catch (IllegalArgumentException ex) {
			// Not a number at all: the controller can't bind it either, so no customer is
			// reached.
			// Fail closed anyway rather than hand an unchecked value on.
			throw new NotFoundException(m.group(1).startsWith("account") ? "Account" : "Contact", 0);
		}
		if (m.group(1).startsWith("account")) {
			access.requireAccount(id, visibility);
		}
		else {
			access.requireContact(id, visibility);
		}
		return true;
	}

}
