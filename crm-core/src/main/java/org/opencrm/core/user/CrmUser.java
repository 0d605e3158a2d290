package org.opencrm.core.user;

import java.util.Collection;
import java.util.List;
import org.opencrm.core.shared.Actor;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The signed-in user as Spring Security keeps it in the session: small and serialisable.
 */
public record CrmUser(long id, String username, String fullName, Role role, Long teamId, String passwordHash,
		boolean enabled) implements UserDetails, Actor {

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
		return new CrmUser(id, username, fullName, role, teamId, "", enabled);
	}
}
