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
 * {@link Address}'s country rule on a form bean's or API record's text: a country it
 * knows (code or name). Null or blank passes.
 */
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Constraint(validatedBy = ValidCountry.Check.class)
public @interface ValidCountry {

	String message() default "{address.country.unknown}";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Asks {@link Address#countryCode}. */
	class Check implements ConstraintValidator<ValidCountry, CharSequence> {

		@Override
		public boolean isValid(CharSequence text, ConstraintValidatorContext context) {
			return text == null || text.toString().isBlank() || Address.countryCode(text.toString()).isPresent();
		}

	}

}
