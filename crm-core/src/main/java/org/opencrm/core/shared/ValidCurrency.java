package org.opencrm.core.shared;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * {@link Money}'s currency rule on a form bean's or API record's text: an ISO 4217 code.
 * Null or blank passes.
 */
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Constraint(validatedBy = ValidCurrency.Check.class)
public @interface ValidCurrency {

	String message() default "{money.currency.invalid}";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Asks {@link Money#currency}. */
	class Check implements ConstraintValidator<ValidCurrency, CharSequence> {

		@Override
		public boolean isValid(CharSequence text, ConstraintValidatorContext context) {
			return text == null || text.toString().isBlank() || Money.currency(text.toString()).isPresent();
		}

	}

}
