package org.opencrm.web.security.totp;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Role;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Component;

/**
 * The second step of a staff sign-in. After the password, a user with a second factor
 * holds only {@code ROLE_SECOND_FACTOR_PENDING} (which opens nothing but the code page);
 * the password's authentication waits in the session until the code is right. Hooked in
 * as a wrapper around the form login's success handler, so the rest of the login set-up
 * stays as it is.
 */
@Component
public class SecondFactorLogin {

	public static final String PENDING_ROLE = "SECOND_FACTOR_PENDING";

	public static final String PAGE = "/login/second-factor";

	static final String PENDING = SecondFactorLogin.class.getName() + ".pending";

	static final String FAILURES = SecondFactorLogin.class.getName() + ".failures";

	/** Wrong codes allowed in one sign-in before it starts over at the password. */
	static final int MAX_FAILURES = 5;

	private final SecondFactors factors;

	/**
	 * Where form login keeps the context (the request, then the session); the changed one
	 * must replace it in both.
	 */
	private final SecurityContextRepository contexts = new DelegatingSecurityContextRepository(
			new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository());

	private final RequestCache requests = new HttpSessionRequestCache();

	SecondFactorLogin(SecondFactors factors) {
		this.factors = factors;
	}

	/**
	 * {@code next} runs for users without a second factor; the others go to the code page
	 * first.
	 */
	public AuthenticationSuccessHandler after(AuthenticationSuccessHandler next) {
		return (request, response, authentication) -> {
			if (authentication.getPrincipal() instanceof CrmUser user && user.role() != Role.CUSTOMER
					&& factors.enabled(user.id())) {
				request.getSession().setAttribute(PENDING, authentication);
				request.getSession().removeAttribute(FAILURES);
				save(UsernamePasswordAuthenticationToken.authenticated(user, null,
						List.of(new SimpleGrantedAuthority("ROLE_" + PENDING_ROLE))), request, response);
				response.sendRedirect(request.getContextPath() + PAGE);
				return;
			}
			next.onAuthenticationSuccess(request, response, authentication);
		};
	}

	/** The outcome of a typed code: signed in, try again, or back to the password. */
	enum Outcome {

		SIGNED_IN, WRONG, START_OVER

	}

	Outcome complete(CrmUser user, String code, HttpServletRequest request, HttpServletResponse response) {
		var session = request.getSession();
		if (!(session.getAttribute(PENDING) instanceof Authentication full)) {
			return Outcome.START_OVER;
		}
		if (factors.verify(user.id(), code)) {
			session.removeAttribute(PENDING);
			session.removeAttribute(FAILURES);
			// A new session id for the fully signed-in session, as after the password.
			request.changeSessionId();
			save(full, request, response);
			return Outcome.SIGNED_IN;
		}
		int failures = session.getAttribute(FAILURES) instanceof Integer n ? n + 1 : 1;
		if (failures >= MAX_FAILURES) {
			session.invalidate();
			SecurityContextHolder.clearContext();
			return Outcome.START_OVER;
		}
		session.setAttribute(FAILURES, failures);
		return Outcome.WRONG;
	}

	/**
	 * Where the user was going before the sign-in (as the password step would have sent
	 * them), or the start page.
	 */
	String target(HttpServletRequest request, HttpServletResponse response) {
		SavedRequest saved = requests.getRequest(request, response);
		if (saved == null) {
			return "/";
		}
		requests.removeRequest(request, response);
		return saved.getRedirectUrl();
	}

	private void save(Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(authentication);
		SecurityContextHolder.setContext(context);
		contexts.saveContext(context, request, response);
	}

}
