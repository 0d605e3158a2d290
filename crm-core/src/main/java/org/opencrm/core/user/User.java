package org.opencrm.core.user;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.opencrm.core.shared.BaseEntity;
import org.opencrm.core.shared.EmailAddress;

@Entity
@Table(name = "users")
class User extends BaseEntity {

	private String username;

	private String fullName;

	private String email;

	private String passwordHash;

	@Enumerated(EnumType.STRING)
	private Role role;

	@ManyToOne(fetch = FetchType.LAZY)
	@JoinColumn(name = "team_id")
	private Team team;

	private boolean enabled = true;

	/** The contact a portal customer is; null for staff. */
	private Long contactId;

	/** The language chosen ({@link UserSettings#LANGUAGES}); null: the browser's. */
	private String locale;

	/** The IANA time zone chosen; null: the install's ({@code crm.time-zone}). */
	private String timeZone;

	/** The hour of the user's day the daily digest goes out. */
	private short digestHour = 7;

	protected User() {
	}

	User(String username, String fullName, String email, String passwordHash, Role role, Team team) {
		this.username = username;
		this.fullName = fullName;
		this.email = EmailAddress.normalise(email);
		this.passwordHash = passwordHash;
		this.role = role;
		this.team = team;
	}

	void update(String fullName, String email, Role role, Team team, boolean enabled) {
		String checked = EmailAddress.normalise(email);
		this.fullName = fullName;
		this.email = checked;
		this.role = role;
		this.team = team;
		this.enabled = enabled;
	}

	/** The fields the audit trail compares (never the password hash). */
	java.util.Map<String, String> snapshot() {
		java.util.Map<String, String> s = new java.util.LinkedHashMap<>();
		s.put("fullName", fullName);
		s.put("email", email);
		s.put("role", role.name());
		s.put("teamId", team == null ? null : String.valueOf(team.getId()));
		s.put("enabled", Boolean.toString(enabled));
		return s;
	}

	/**
	 * Makes this new user the portal login of a contact, signing in only once
	 * {@code enabled}.
	 */
	void becomePortalLoginOf(long contactId, boolean enabled) {
		this.contactId = contactId;
		this.enabled = enabled;
	}

	/** A portal customer who confirmed their address may sign in. */
	void enable() {
		this.enabled = true;
	}

	/** The user's own choices; {@link UserSettings} checked them. */
	void chooseSettings(String locale, String timeZone, int digestHour) {
		this.locale = locale;
		this.timeZone = timeZone;
		this.digestHour = (short) digestHour;
	}

	String getLocale() {
		return locale;
	}

	String getTimeZone() {
		return timeZone;
	}

	int getDigestHour() {
		return digestHour;
	}

	void changePassword(String passwordHash) {
		this.passwordHash = passwordHash;
	}

	String getUsername() {
		return username;
	}

	String getFullName() {
		return fullName;
	}

	String getEmail() {
		return email;
	}

	String getPasswordHash() {
		return passwordHash;
	}

	Role getRole() {
		return role;
	}

	Team getTeam() {
		return team;
	}

	boolean isEnabled() {
		return enabled;
	}

}
