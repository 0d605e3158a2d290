package org.opencrm.web.security;

import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.UserService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Form login against the users table (BCrypt), roles per area, CSRF on every form, and the browser
 * protections Spring Security doesn't switch on by itself (CSP, Referrer-Policy).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	static final String[] STAFF = { "ADMIN", "MANAGER", "SALES_REP", "SUPPORT_AGENT", "MARKETER" };

	static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
			+ "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; "
			+ "object-src 'none'";

	@Bean
	SecurityFilterChain web(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests(auth -> auth
			.requestMatchers("/login", "/webjars/**", "/css/**", "/js/**", "/favicon.ico", "/error").permitAll()
			.requestMatchers("/admin/**").hasRole("ADMIN")
			.requestMatchers(HttpMethod.POST, "/accounts/*/delete", "/contacts/*/delete").hasAnyRole("ADMIN", "MANAGER")
			.anyRequest().hasAnyRole(STAFF))
			.formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
			.logout(logout -> logout.logoutSuccessUrl("/login?logout").permitAll())
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
				.referrerPolicy(ref -> ref.policy(ReferrerPolicy.SAME_ORIGIN)));
		return http.build();
	}

	/** Keeps the password hash out of the session: the principal stored after login has none. */
	@Bean
	DaoAuthenticationProvider authenticationProvider(UserService users, PasswordEncoder passwordEncoder) {
		DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users) {
			@Override
			protected Authentication createSuccessAuthentication(Object principal, Authentication authentication,
					UserDetails user) {
				return super.createSuccessAuthentication(((CrmUser) principal).withoutPassword(), authentication, user);
			}
		};
		provider.setPasswordEncoder(passwordEncoder);
		return provider;
	}
}
