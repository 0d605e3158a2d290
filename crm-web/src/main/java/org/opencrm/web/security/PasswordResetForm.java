package org.opencrm.web.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The new password chosen through a reset link ({@code token} is the link's). */
public class PasswordResetForm {

	@Size(max = 200)
	private String token;

	@NotBlank
	@Size(max = 200)
	private String newPassword;

	@NotBlank
	@Size(max = 200)
	private String newPasswordRepeat;

	public String getToken() {
		return token;
	}

	public void setToken(String token) {
		this.token = token;
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
