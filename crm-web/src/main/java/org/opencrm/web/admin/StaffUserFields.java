package org.opencrm.web.admin;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.opencrm.core.shared.ValidEmail;

/**
 * A staff user's name, full name and e-mail as typed, with their rules: the part the
 * admin's user form and the set-up page's first admin share. (Portal sign-up has its own:
 * first and last name, an address as the name.)
 */
public abstract class StaffUserFields implements java.io.Serializable {

	@NotBlank
	@Pattern(regexp = "^[A-Za-z0-9._-]{3,50}$")
	private String username;

	@NotBlank
	@Size(max = 150)
	private String fullName;

	@ValidEmail
	private String email;

	public String getUsername() {
		return username;
	}

	public void setUsername(String username) {
		this.username = username;
	}

	public String getFullName() {
		return fullName;
	}

	public void setFullName(String fullName) {
		this.fullName = fullName;
	}

	public String getEmail() {
		return email;
	}

	public void setEmail(String email) {
		this.email = email;
	}

}
