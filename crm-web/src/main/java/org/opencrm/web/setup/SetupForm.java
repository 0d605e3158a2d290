package org.opencrm.web.setup;

import org.opencrm.web.admin.StaffUserFields;

/**
 * The first admin as typed on the set-up page; the token comes from the link in the log.
 */
class SetupForm extends StaffUserFields {

	private String token;

	private String password;

	private String confirmPassword;

	public String getToken() {
		return token;
	}

	public void setToken(String token) {
		this.token = token;
	}

	public String getPassword() {
		return password;
	}

	public void setPassword(String password) {
		this.password = password;
	}

	public String getConfirmPassword() {
		return confirmPassword;
	}

	public void setConfirmPassword(String confirmPassword) {
		this.confirmPassword = confirmPassword;
	}

}
