package org.opencrm.web.customer;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opencrm.core.account.AccountAccess;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.Visibility;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Record access for every page about one customer, in one place: a dashboard, its timeline
 * pages, quick actions and the areas' customer pages and forms (any path naming an account or a
 * contact by id). An account or contact the user may not see ({@link AccountAccess}) is "not
 * found", the same 404 page as an id that doesn't exist, so the answer doesn't tell them apart.
 * One statement per request.
 */
@Configuration
class CustomerAccessInterceptor implements HandlerInterceptor, WebMvcConfigurer {

	/**
	 * /accounts/7, /contacts/7/timeline, /sales/accounts/7/purchases, /partners/accounts/7,
	 * /service/customers/accounts/7/tier …
	 */
	static final Pattern CUSTOMER_PATH = Pattern.compile(
			"^(?:/sales|/partners|/service/customers)?/(accounts?|contacts?)/(\\d+)(?:/.*)?$");

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
		String path = request.getRequestURI().substring(request.getContextPath().length());
		Matcher m = CUSTOMER_PATH.matcher(path);
		if (!m.matches()) {
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
		long id;
		try {
			id = Long.parseLong(m.group(2));
		}
		catch (NumberFormatException ex) {
			return true;
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
