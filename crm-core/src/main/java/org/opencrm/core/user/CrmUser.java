package org.opencrm.core.user;

import java.util.Collection;
import java.util.List;
import org.opencrm.core.shared.Actor;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The signed-in user as Spring Security keeps it in the session: small and serialisable.
 * {@code locale} (a language tag) and {@code timeZone} (an IANA id) are the user's own
 * settings, null where they chose none (the browser's language, the install's zone).
 */
public record CrmUser(long id, String username, String fullName, Role role, Long teamId, String passwordHash,
		boolean enabled, String locale, String timeZone) implements UserDetails, Actor {

	public CrmUser(long id, String username, String fullName, Role role, Long teamId, String passwordHash,
			boolean enabled) {
		this(id, username, fullName, role, teamId, passwordHash, enabled, null, null);
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return List.of(new SimpleGrantedAuthority(role.authority()));
	}

	@Override
	public String getPassword() {
		return passwordHash;
	}

	@Override
	public String getUsername() {
		return username;
	}

	@Override
	public boolean isEnabled() {
		return enabled;
	}

	/** A copy without the password hash, for keeping in the session after login. */
	public CrmUser withoutPassword() {
		return new CrmUser(id, username, fullName, role, teamId, "", enabled, locale, timeZone);
	}

	/** The same user with new settings (after they saved them). */
	public CrmUser withSettings(String locale, String timeZone) {
		return new CrmUser(id, username, fullName, role, teamId, passwordHash, enabled, locale, timeZone);
	}
}
