package org.opencrm.core.user;

import java.util.Optional;
import org.opencrm.core.shared.Actor;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who is acting now: the signed-in user, or nobody (system jobs, demo seeding). */
public final class CurrentUser {

	private CurrentUser() {
	}

	public static Optional<CrmUser> get() {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth != null && auth.getPrincipal() instanceof CrmUser user) {
			return Optional.of(user);
		}
		return Optional.empty();
	}

	public static Long idOrNull() {
		return Actor.currentIdOrNull();
	}
}
