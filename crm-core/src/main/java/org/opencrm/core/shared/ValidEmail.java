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
 * {@link EmailAddress}'s rule on a form bean's or API record's text, so the form shows
 * the message next to the field before anything is called. Null or blank passes (add
 * {@code @NotBlank} where the address is required).
 */
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Constraint(validatedBy = ValidEmail.Check.class)
public @interface ValidEmail {

	String message() default "{email.invalid}";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Asks {@link EmailAddress#isValid}. */
	class Check implements ConstraintValidator<ValidEmail, CharSequence> {

		@Override
		public boolean isValid(CharSequence text, ConstraintValidatorContext context) {
			return text == null || text.toString().isBlank() || EmailAddress.isValid(text.toString());
		}

	}

}
