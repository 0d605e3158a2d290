package org.opencrm.web.security;

import jakarta.validation.constraints.Size;

/** The new password chosen through a reset link ({@code token} is the link's). */
class PasswordResetForm extends NewPasswordForm {

	@Size(max = 200)
	private String token;

	public String getToken() {
		return token;
	}

	public void setToken(String token) {
		this.token = token;
	}

}
