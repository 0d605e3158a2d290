package org.opencrm.web.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A signed-in user's new password, with the current one to prove it is them. */
class PasswordChangeForm extends NewPasswordForm {

	@NotBlank
	@Size(max = 200)
	private String currentPassword;

	public String getCurrentPassword() {
		return currentPassword;
	}

	public void setCurrentPassword(String currentPassword) {
		this.currentPassword = currentPassword;
	}

}
