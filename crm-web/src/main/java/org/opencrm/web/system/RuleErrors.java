package org.opencrm.web.system;

import org.opencrm.core.shared.RuleViolationException;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.validation.Errors;

/**
 * A broken rule put on a form: on {@code field} when the form has it, else on the form as
 * a whole. The one way a page shows a {@link RuleViolationException} next to what was
 * typed: {@link OnRuleViolation#form()} does it for a handler, and the few handlers that
 * catch a rule themselves (to keep what can't be sent again: an upload, a QR code) call
 * it too.
 */
public final class RuleErrors {

	private RuleErrors() {
	}

	/**
	 * @param field the field the rule is about; the rule's own
	 * {@link RuleViolationException#field()} wins when the form has it
	 */
	public static void bind(Errors errors, Object form, String field, RuleViolationException rule) {
		String on = readable(form, rule.field()) ? rule.field() : readable(form, field) ? field : null;
		if (on != null) {
			errors.rejectValue(on, rule.code(), rule.args(), rule.getMessage());
		}
		else {
			errors.reject(rule.code(), rule.args(), rule.getMessage());
		}
	}

	private static boolean readable(Object form, String field) {
		return field != null && !field.isEmpty() && form != null
				&& PropertyAccessorFactory.forBeanPropertyAccess(form).isReadableProperty(field);
	}

}
