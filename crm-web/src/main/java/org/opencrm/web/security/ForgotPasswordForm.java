package org.opencrm.web.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** "Forgot password?": a username or an e-mail address. */
class ForgotPasswordForm {

	@NotBlank
	@Size(max = 254)
	private String identifier;

	public String getIdentifier() {
		return identifier;
	}

	public void setIdentifier(String identifier) {
		this.identifier = identifier;
	}

}
