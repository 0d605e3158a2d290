package org.opencrm.web.admin;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.UserCommand;
import org.opencrm.core.user.UserSummary;

/** A user as the admin edits them; a blank password on an edit keeps the current one. */
record UserForm(@NotBlank @Pattern(regexp = "^[A-Za-z0-9._-]{3,50}$") String username,
		@NotBlank @Size(max = 150) String fullName, @Email @Size(max = 254) String email, @NotNull Role role,
		Long teamId, boolean enabled, @Size(max = 100) String password, long version) {

	static final int MIN_PASSWORD = 8;

	static UserForm empty() {
		return new UserForm("", "", "", Role.SALES_REP, null, true, "", 0);
	}

	static UserForm of(UserSummary u) {
		return new UserForm(u.username(), u.fullName(), u.email(), u.role(), u.teamId(), u.enabled(), "", u.version());
	}

	UserCommand toCommand() {
		return new UserCommand(username.trim(), fullName.trim(), email, role, teamId, enabled, password, version);
	}
}
