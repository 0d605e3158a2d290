package org.opencrm.web.admin;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.UserCommand;
import org.opencrm.core.user.UserSummary;
import org.opencrm.web.system.Forms;

/** A user as the admin edits them. */
class UserForm extends StaffUserFields {

	@NotNull
	private Role role = Role.SALES_REP;

	private Long teamId;

	private boolean enabled;

	/**
	 * Blank on an edit keeps the current password; the rule is core's
	 * {@code PasswordPolicy}.
	 */
	@Size(max = 100)
	private String password;

	private long version;

	static UserForm empty() {
		UserForm form = new UserForm();
		form.enabled = true;
		return form;
	}

	static UserForm of(UserSummary u) {
		UserForm f = new UserForm();
		f.setUsername(u.username());
		f.setFullName(u.fullName());
		f.setEmail(u.email());
		f.role = u.role();
		f.teamId = u.teamId();
		f.enabled = u.enabled();
		f.version = u.version();
		return f;
	}

	UserCommand toCommand() {
		return new UserCommand(getUsername().trim(), getFullName().trim(), Forms.trimmed(getEmail()), role, teamId,
				enabled, password, version);
	}

	public Role getRole() {
		return role;
	}

	public void setRole(Role role) {
		this.role = role;
	}

	public Long getTeamId() {
		return teamId;
	}

	public void setTeamId(Long teamId) {
		this.teamId = teamId;
	}

	public boolean isEnabled() {
		return enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getPassword() {
		return password;
	}

	public void setPassword(String password) {
		this.password = password;
	}

	public long getVersion() {
		return version;
	}

	public void setVersion(long version) {
		this.version = version;
	}

}
