package org.opencrm.web.admin;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.UserCommand;
import org.opencrm.core.user.UserSummary;
import org.opencrm.web.system.Forms;

/** A user as the admin edits them. */
public class UserForm implements java.io.Serializable {

	@NotBlank
	@Pattern(regexp = "^[A-Za-z0-9._-]{3,50}$")
	private String username;

	@NotBlank
	@Size(max = 150)
	private String fullName;

	@Email
	@Size(max = 254)
	private String email;

	@NotNull
	private Role role = Role.SALES_REP;

	private Long teamId;

	private boolean enabled;

	/** Blank on an edit keeps the current password; the rule is core's {@code PasswordPolicy}. */
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
		f.username = u.username();
		f.fullName = u.fullName();
		f.email = u.email();
		f.role = u.role();
		f.teamId = u.teamId();
		f.enabled = u.enabled();
		f.version = u.version();
		return f;
	}

	UserCommand toCommand() {
		return new UserCommand(username.trim(), fullName.trim(), Forms.trimmed(email), role, teamId, enabled, password,
				version);
	}

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
