package org.opencrm.web.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a page handler does when a business rule is broken
 * ({@code RuleViolationException}), so it needs no try/catch; {@code ErrorPages} does it.
 * <ul>
 * <li>{@link #form()}: the handler's {@code @Valid} form comes back with the rule's
 * message on the field the rule names (else on {@link #field()}, else on the form as a
 * whole), rendered by the handler's own error path: it is run once more with that error
 * in its {@code BindingResult}, so it takes its {@code result.hasErrors()} branch before
 * calling anything. The handler must check {@code hasErrors()} before its service
 * call.</li>
 * <li>{@link #redirect()}: the rule's message is flashed and the user goes back to this
 * page. {@code {name}} placeholders are filled from the request's path variables, e.g.
 * {@code @OnRuleViolation(redirect = "/leads/{id}")}.</li>
 * <li>{@link #backParam()}: a request parameter naming the page the user came from (a
 * list with its filters, the board); used instead of {@link #redirect()} when it is a
 * same-site path below {@link #under()}.</li>
 * </ul>
 * Without the annotation, the message is flashed and the user goes back to the page the
 * request came from.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnRuleViolation {

	/** A same-site path, as a URI template over the handler's path variables. */
	String redirect() default "";

	/** The model name of the handler's {@code @Valid @ModelAttribute} form. */
	String form() default "";

	/**
	 * The form field a rule that names no field is shown on; empty for the form as a
	 * whole.
	 */
	String field() default "";

	/**
	 * The request parameter that may name the page to go back to, e.g. {@code "back"}.
	 */
	String backParam() default "";

	/**
	 * The path {@link #backParam()}'s page must lie below (e.g.
	 * {@code "/opportunities"}); empty for any same-site path.
	 */
	String under() default "";

}
