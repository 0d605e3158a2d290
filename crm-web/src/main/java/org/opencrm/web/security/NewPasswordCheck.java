package org.opencrm.web.security;

import java.util.Objects;
import org.opencrm.core.user.PasswordPolicy;
import org.springframework.stereotype.Component;
import org.springframework.validation.BindingResult;

/**
 * Puts the field messages of a password someone sets (change, reset, portal sign-up,
 * set-up page, admin's user form) on the form: core's {@link PasswordPolicy} on the
 * password field, then "the two passwords differ" on the repeat field. A field that
 * already has an error gets no second one.
 */
@Component
public class NewPasswordCheck {

	/**
	 * A form's password field, its repeat field and the message code for a repeat that
	 * differs.
	 */
	public record Fields(String password, String repeat, String mismatchCode) {

		/** The fields of {@link NewPasswordForm}. */
		public static final Fields NEW_PASSWORD = new Fields("newPassword", "newPasswordRepeat", "password.mismatch");

	}

	private final PasswordPolicy policy;

	NewPasswordCheck(PasswordPolicy policy) {
		this.policy = policy;
	}

	/** The policy, then the repetition. */
	public void check(String username, String password, String repeat, Fields fields, BindingResult result) {
		checkPolicy(username, password, fields.password(), result);
		checkRepeat(password, repeat, fields, result);
	}

	/**
	 * The policy alone, for a form without a repeat field; the rule is about
	 * {@code username}'s account.
	 */
	public void checkPolicy(String username, String password, String field, BindingResult result) {
		if (!result.hasFieldErrors(field)) {
			policy.problem(username, password)
				.ifPresent(ex -> result.rejectValue(field, ex.code(), ex.args(), ex.getMessage()));
		}
	}

	/**
	 * The repetition alone, where the policy is applied later (by the portal's sign-up
	 * service).
	 */
	public void checkRepeat(String password, String repeat, Fields fields, BindingResult result) {
		if (!result.hasFieldErrors(fields.password()) && !result.hasFieldErrors(fields.repeat())
				&& !Objects.equals(password, repeat)) {
			result.rejectValue(fields.repeat(), fields.mismatchCode(), "The two passwords differ.");
		}
	}

}
