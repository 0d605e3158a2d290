package org.opencrm.web.security;

import java.util.Map;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.LoginThrottle;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.UserService;
import org.opencrm.web.api.rate.ApiRateLimitFilter;
import org.opencrm.web.api.rate.ApiRateLimits;
import org.opencrm.web.api.token.ApiTokenFilter;
import org.opencrm.web.api.token.ApiTokens;
import org.opencrm.web.security.totp.SecondFactorApiGuard;
import org.opencrm.web.security.totp.SecondFactorLogin;
import org.opencrm.web.security.totp.SecondFactors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.event.AuthenticationFailureLockedEvent;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authorization.AuthorizationEventPublisher;
import org.springframework.security.authorization.SpringAuthorizationEventPublisher;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.access.ExceptionTranslationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Form login against the users table (BCrypt), roles per area, CSRF on every form, and
 * the browser protections Spring Security doesn't switch on by itself (CSP,
 * Referrer-Policy).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ManagementSettings.class)
class SecurityConfiguration {

	static final String[] STAFF = { "ADMIN", "MANAGER", "SALES_REP", "SUPPORT_AGENT", "MARKETER" };

	/**
	 * Sales records are changed by sales people and admins; agents and marketers only
	 * read them.
	 */
	static final String[] SALES_EDITORS = { "ADMIN", "MANAGER", "SALES_REP" };
	static final String[] MARKETING = { "ADMIN", "MANAGER", "MARKETER" };

	/** Who works tickets: the service desk's pages and API. */
	static final String[] SERVICE_DESK = { "ADMIN", "MANAGER", "SUPPORT_AGENT" };

	/**
	 * Who reads and books service appointments: the desk, and sales reps for their own
	 * customers.
	 */
	static final String[] APPOINTMENTS = { "ADMIN", "MANAGER", "SUPPORT_AGENT", "SALES_REP" };

	/**
	 * Where springdoc serves the API's OpenAPI document
	 * ({@code springdoc.api-docs.path}).
	 */
	static final String API_DOCS = "/api/v1/openapi.json";

	static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
			+ "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
			+ "object-src 'none'";

	/**
	 * JSON answers load nothing, are never framed, and send no referrer (OWASP ASVS 5.0
	 * 3.4.3–3.4.6).
	 */
	static final String API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

	/**
	 * Operations ({@code /actuator/**}): health probes for anyone (status only, no
	 * details), metrics only from the addresses in {@code crm.management.metrics-from}
	 * (loopback and private networks by default, where a Prometheus runs; through the
	 * proxy a visitor has their own, public address). No session is read or written.
	 */
	@Bean
	@Order(0)
	SecurityFilterChain operations(HttpSecurity http, ManagementSettings management) throws Exception {
		http.securityMatcher("/actuator/**")
			.authorizeHttpRequests(auth -> auth.requestMatchers("/actuator/health", "/actuator/health/**")
				.permitAll()
				.requestMatchers("/actuator/prometheus")
				.access(management.metricsClients())
				.anyRequest()
				.denyAll())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.securityContext(
					context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
			.requestCache(cache -> cache.disable())
			.csrf(csrf -> csrf.disable())
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(API_CSP))
				.referrerPolicy(ref -> ref.policy(ReferrerPolicy.NO_REFERRER)));
		return http.build();
	}

	/**
	 * The OpenAPI document of {@code /api/v1} ({@code /api/v1/openapi.json}, springdoc)
	 * for staff: API clients fetch it as they call the API (HTTP Basic or a token), the
	 * Swagger UI page ({@code /swagger-ui.html}) with the browser's session, which is
	 * read here but never created.
	 */
	@Bean
	@Order(1)
	SecurityFilterChain apiDocs(HttpSecurity http, ApiTokens tokens) throws Exception {
		http.securityMatcher(API_DOCS, API_DOCS + "/**", API_DOCS + ".yaml")
			.authorizeHttpRequests(auth -> auth.anyRequest().hasAnyRole(STAFF))
			.httpBasic(basic -> basic.authenticationEntryPoint(ApiAuthProblems::unauthorized)
				.authenticationDetailsSource(ApiSignInDetails::new))
			.exceptionHandling(ex -> ex.authenticationEntryPoint(ApiAuthProblems::unauthorized)
				.accessDeniedHandler(ApiAuthProblems::forbidden))
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER))
			.requestCache(cache -> cache.disable())
			.csrf(csrf -> csrf.disable())
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(API_CSP))
				.referrerPolicy(ref -> ref.policy(ReferrerPolicy.NO_REFERRER)))
			.addFilterBefore(
					new ApiTokenFilter(tokens, ApiAuthProblems::invalidToken, ApiAuthProblems::insufficientScope),
					BasicAuthenticationFilter.class);
		return http.build();
	}

	/**
	 * The JSON API ({@code /api/**}): HTTP Basic or a personal API token
	 * ({@code Authorization: Bearer}) on every request, no session and so no CSRF token
	 * (a browser's cookies never authenticate it), a request limit per token or user, and
	 * 401/403/429 as problem details.
	 */
	@Bean
	@Order(2)
	SecurityFilterChain api(HttpSecurity http, SecondFactors secondFactors, ApiTokens tokens, ApiRateLimits rateLimits)
			throws Exception {
		http.securityMatcher("/api/**")
			.authorizeHttpRequests(auth -> auth
				// Merging deletes records: managers and admins, as on the pages.
				.requestMatchers("/api/v1/contacts/merge", "/api/v1/accounts/merge", "/api/v1/leads/merge")
				.hasAnyRole("ADMIN", "MANAGER")
				// Privacy tools, as on the pages: export for managers and admins, erasure
				// for admins.
				.requestMatchers(HttpMethod.GET, "/api/v1/contacts/*/personal-data", "/api/v1/leads/*/personal-data")
				.hasAnyRole("ADMIN", "MANAGER")
				.requestMatchers("/api/v1/contacts/*/erasure", "/api/v1/leads/*/erasure")
				.hasRole("ADMIN")
				.requestMatchers(HttpMethod.GET, "/api/v1/leads/**", "/api/v1/opportunities/**")
				.hasAnyRole(STAFF)
				// Customers: every staff role reads and edits them, as on the
				// pages;
				// deleting is for managers and admins.
				.requestMatchers(HttpMethod.DELETE, "/api/v1/accounts/**", "/api/v1/contacts/**")
				.hasAnyRole("ADMIN", "MANAGER")
				.requestMatchers("/api/v1/leads/**", "/api/v1/opportunities/**")
				.hasAnyRole(SALES_EDITORS)
				// Websites post their visitors' form submissions without an
				// account.
				.requestMatchers(HttpMethod.POST, "/api/v1/forms/*/submissions")
				.permitAll()
				.requestMatchers("/api/v1/segments/**", "/api/v1/forms/**")
				.hasAnyRole(MARKETING)
				.requestMatchers("/api/v1/campaigns/**", "/api/v1/campaigns")
				.hasAnyRole(MARKETING)
				.requestMatchers("/api/v1/forecast")
				.hasAnyRole("ADMIN", "MANAGER", "SALES_REP")
				.requestMatchers("/api/v1/tickets/**")
				.hasAnyRole(SERVICE_DESK)
				// As on the pages: only managers and admins delete people and
				// companies.
				.requestMatchers(HttpMethod.DELETE, "/api/v1/contacts/*", "/api/v1/accounts/*")
				.hasAnyRole("ADMIN", "MANAGER")
				// Workflow rules: admins, as on the pages.
				.requestMatchers("/api/v1/workflows", "/api/v1/workflows/**")
				.hasRole("ADMIN")
				.anyRequest()
				.hasAnyRole(STAFF))
			.httpBasic(basic -> basic.authenticationEntryPoint(ApiAuthProblems::unauthorized)
				.authenticationDetailsSource(ApiSignInDetails::new))
			.exceptionHandling(ex -> ex.authenticationEntryPoint(ApiAuthProblems::unauthorized)
				.accessDeniedHandler(ApiAuthProblems::forbidden))
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(csrf -> csrf.disable())
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(API_CSP))
				.referrerPolicy(ref -> ref.policy(ReferrerPolicy.NO_REFERRER)))
			.addFilterBefore(
					new ApiTokenFilter(tokens, ApiAuthProblems::invalidToken, ApiAuthProblems::insufficientScope),
					BasicAuthenticationFilter.class)
			.addFilterAfter(new SecondFactorApiGuard(secondFactors, ApiAuthProblems::unauthorized),
					BasicAuthenticationFilter.class)
			// After signing in (either way), before the URL rules: a refused request
			// counts too.
			.addFilterBefore(new ApiRateLimitFilter(rateLimits, ApiAuthProblems::tooManyRequests),
					ExceptionTranslationFilter.class);
		return http.build();
	}

	@Bean
	@Order(3)
	SecurityFilterChain web(HttpSecurity http, SecondFactorLogin secondFactor) throws Exception {
		http.authorizeHttpRequests(auth -> auth
			// Between password and code (SecondFactorLogin) a user may open the code page
			// only.
			.requestMatchers(SecondFactorLogin.PAGE)
			.hasRole(SecondFactorLogin.PENDING_ROLE)
			.requestMatchers("/login", "/login/forgot", "/login/reset", "/webjars/**", "/css/**", "/js/**",
					"/favicon.ico", "/error")
			.permitAll()
			// The first admin's one-time page: the logged token guards it, and it is a
			// 404 once a user exists.
			.requestMatchers("/setup")
			.permitAll()
			// The company's logo, on the public pages too.
			.requestMatchers(HttpMethod.GET, "/company/logo")
			.permitAll()
			// Public web-to-lead forms: anonymous visitors, no session, so no CSRF token
			// to check.
			.requestMatchers("/f/**")
			.permitAll()
			// Marketing's tracking pixel, tracked links and unsubscribe pages: for
			// recipients, no login.
			.requestMatchers("/t/o/*", "/t/c/*", "/u/*")
			.permitAll()
			.requestMatchers("/marketing/mailbox/**", "/marketing/mailbox")
			.hasAnyRole("ADMIN", "MARKETER")
			// Mails in doubt: admins resend any, marketers the marketing ones.
			.requestMatchers("/mail/in-doubt", "/mail/in-doubt/**")
			.hasAnyRole("ADMIN", "MARKETER")
			.requestMatchers("/marketing/**")
			.hasAnyRole(MARKETING)
			// Sales insights: the product catalogue for managers too; quotas and partners
			// edited by managers and admins.
			.requestMatchers("/admin/products", "/admin/products/**")
			.hasAnyRole("ADMIN", "MANAGER")
			.requestMatchers("/partners/accounts/**")
			.hasAnyRole("ADMIN", "MANAGER")
			.requestMatchers(HttpMethod.POST, "/quotas")
			.hasAnyRole("ADMIN", "MANAGER")
			.requestMatchers("/forecast", "/quotas", "/partners", "/partners/**")
			.hasAnyRole("ADMIN", "MANAGER", "SALES_REP")
			// The customer portal: customers only (staff don't use it as customers);
			// anyone may register.
			.requestMatchers("/portal/register", "/portal/verify")
			.permitAll()
			.requestMatchers("/portal/**")
			.hasRole("CUSTOMER")
			.requestMatchers("/admin/**")
			.hasRole("ADMIN")
			.requestMatchers("/dashboard", "/dashboard/**")
			.hasAnyRole("ADMIN", "MANAGER")
			// Duplicates: a merge deletes records, so managers and admins, as deleting.
			.requestMatchers("/duplicates", "/duplicates/**")
			.hasAnyRole("ADMIN", "MANAGER")
			// Privacy tools: managers and admins export a person's data (people they may
			// see),
			// only admins erase a person.
			.requestMatchers(HttpMethod.GET, "/contacts/*/personal-data", "/leads/*/personal-data")
			.hasAnyRole("ADMIN", "MANAGER")
			.requestMatchers("/contacts/*/erase", "/leads/*/erase")
			.hasRole("ADMIN")
			// Service: the customers' help centre and survey links need no sign-in; KB
			// editing is for agents and admins.
			.requestMatchers("/help", "/help/**", "/csat/**")
			.permitAll()
			.requestMatchers("/service/kb/new", "/service/kb/articles/*/edit")
			.hasAnyRole("ADMIN", "SUPPORT_AGENT")
			.requestMatchers(HttpMethod.POST, "/service/kb/**")
			.hasAnyRole("ADMIN", "SUPPORT_AGENT")
			.requestMatchers("/service/csat", "/service/csat/**")
			.hasAnyRole("ADMIN", "MANAGER", "SUPPORT_AGENT")
			.requestMatchers(HttpMethod.POST, "/accounts/*/delete", "/contacts/*/delete")
			.hasAnyRole("ADMIN", "MANAGER")
			.requestMatchers(HttpMethod.POST, "/leads/**", "/opportunities/**")
			.hasAnyRole(SALES_EDITORS)
			.requestMatchers("/leads/new", "/leads/*/edit", "/leads/*/convert", "/leads/import", "/opportunities/new",
					"/opportunities/*/edit", "/opportunities/stage-fields", "/opportunities/*/inline/*",
					"/leads/*/inline/*")
			.hasAnyRole(SALES_EDITORS)
			// The service desk, and the tier form on account dashboards, for agents.
			.requestMatchers("/service/queue/**", "/service/tickets/**", "/service/canned/**")
			.hasAnyRole(SERVICE_DESK)
			.requestMatchers(HttpMethod.POST, "/service/customers/**")
			.hasAnyRole(SERVICE_DESK)
			// Appointments: the desk closes them; sales reps read and book them for their
			// customers
			// (record access is the services': AppointmentService, AppointmentOutcomes,
			// AppointmentCalendar).
			.requestMatchers(HttpMethod.POST, "/service/appointments/*/complete", "/service/appointments/*/cancel",
					"/service/appointments/*/no-show")
			.hasAnyRole(SERVICE_DESK)
			.requestMatchers("/service/appointments", "/service/appointments/**", "/service/calendar",
					"/service/calendar/**")
			.hasAnyRole(APPOINTMENTS)
			.anyRequest()
			.hasAnyRole(STAFF))
			.formLogin(form -> form.loginPage("/login")
				.successHandler(secondFactor.after(customersToThePortal()))
				.failureHandler(loginFailures())
				.permitAll())
			.logout(logout -> logout.logoutSuccessUrl("/login?logout").permitAll())
			// Anonymous web-to-lead forms (/f/**) have no session to protect, and RFC
			// 8058 one-click
			// unsubscribe (/u/*) is POSTed by mail providers without our token; the
			// signed token guards it.
			.csrf(csrf -> csrf.ignoringRequestMatchers("/f/**", "/u/*"))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
				.referrerPolicy(ref -> ref.policy(ReferrerPolicy.SAME_ORIGIN)));
		return http.build();
	}

	/**
	 * Staff land where they were going (or the start page); customers always in the
	 * portal.
	 */
	private static AuthenticationSuccessHandler customersToThePortal() {
		SavedRequestAwareAuthenticationSuccessHandler staff = new SavedRequestAwareAuthenticationSuccessHandler();
		staff.setDefaultTargetUrl("/");
		return (request, response, authentication) -> {
			if (authentication.getPrincipal() instanceof CrmUser user && user.role() == Role.CUSTOMER) {
				response.sendRedirect(request.getContextPath() + "/portal");
			}
			else {
				staff.onAuthenticationSuccess(request, response, authentication);
			}
		};
	}

	/**
	 * A throttled sign-in gets its own message ("?locked"), the same for every name
	 * typed.
	 */
	private static AuthenticationFailureHandler loginFailures() {
		ExceptionMappingAuthenticationFailureHandler handler = new ExceptionMappingAuthenticationFailureHandler();
		handler.setDefaultFailureUrl("/login?error");
		handler.setExceptionMappings(Map.of(LoginThrottledException.class.getName(), "/login?locked"));
		return handler;
	}

	/**
	 * No observation around each of Spring Security's filters, authentications and
	 * authorizations: {@code management.observations.enable.spring.security=false} only
	 * drops what they record, and every request still had each filter wrapped (names
	 * built, observations started and stopped). {@code http.server.requests} still times
	 * every request; denied requests still reach the security log
	 * ({@link SecurityEvents}).
	 */
	@Bean
	SecurityObservationSettings noSecurityObservations() {
		return SecurityObservationSettings.noObservations();
	}

	/**
	 * Sign-in events for the security log; a throttled sign-in is published as a locked
	 * one.
	 */
	@Bean
	DefaultAuthenticationEventPublisher authenticationEventPublisher(ApplicationEventPublisher events) {
		DefaultAuthenticationEventPublisher publisher = new DefaultAuthenticationEventPublisher(events);
		publisher.setAdditionalExceptionMappings(
				Map.of(LoginThrottledException.class, AuthenticationFailureLockedEvent.class));
		return publisher;
	}

	/**
	 * Publishes denied requests as events, for the security log ({@link SecurityEvents}).
	 */
	@Bean
	AuthorizationEventPublisher authorizationEventPublisher(ApplicationEventPublisher events) {
		return new SpringAuthorizationEventPublisher(events);
	}

	/**
	 * The password check behind the login form and HTTP Basic: the users table (BCrypt),
	 * throttled per account and address ({@link ThrottledAuthenticationProvider}), and
	 * the password hash kept out of the session (the principal stored after login has
	 * none).
	 */
	@Bean
	AuthenticationProvider authenticationProvider(UserService users, PasswordEncoder passwordEncoder,
			LoginThrottle throttle) {
		DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users) {
			@Override
			protected Authentication createSuccessAuthentication(Object principal, Authentication authentication,
					UserDetails user) {
				return super.createSuccessAuthentication(((CrmUser) principal).withoutPassword(), authentication, user);
			}
		};
		provider.setPasswordEncoder(passwordEncoder);
		return new ThrottledAuthenticationProvider(provider, throttle);
	}

}
