package org.opencrm.web.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A signed-in user's new password; the rules themselves are core's {@code PasswordPolicy}. */
public class PasswordChangeForm {

	@NotBlank
	@Size(max = 200)
	private String currentPassword;

	@NotBlank
	@Size(max = 200)
	private String newPassword;

	@NotBlank
	@Size(max = 200)
	private String newPasswordRepeat;

	public String getCurrentPassword() {
		return currentPassword;
	}

	public void setCurrentPassword(String currentPassword) {
		this.currentPassword = currentPassword;
	}

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
