package org.opencrm.web.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Where a page handler sends the user back to when a business rule is broken
 * ({@code RuleViolationException}): {@code ErrorPages} flashes the rule's message and
 * redirects here, so the handler needs no try/catch. {@code {name}} placeholders are
 * filled from the request's path variables, e.g. {@code @OnRuleViolation(redirect =
 * "/leads/{id}")}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnRuleViolation {

	/** A same-site path, as a URI template over the handler's path variables. */
	String redirect();

}
