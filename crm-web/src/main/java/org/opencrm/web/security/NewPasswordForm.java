package org.opencrm.web.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A new password typed twice, the part the change and reset forms share; the rules
 * themselves are core's {@code PasswordPolicy}, applied by {@link NewPasswordCheck}.
 */
abstract class NewPasswordForm {

	@NotBlank
	@Size(max = 200)
	private String newPassword;

	@NotBlank
	@Size(max = 200)
	private String newPasswordRepeat;

	public String getNewPassword() {
		return newPassword;
	}

	public void setNewPassword(String newPassword) {
		this.newPassword = newPassword;
	}

	public String getNewPasswordRepeat() {
		return newPasswordRepeat;
	}

	public void setNewPasswordRepeat(String newPasswordRepeat) {
		this.newPasswordRepeat = newPasswordRepeat;
	}

}
