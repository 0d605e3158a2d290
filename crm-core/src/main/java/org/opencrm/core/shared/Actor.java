package org.opencrm.core.shared;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Whoever is acting, as far as shared infrastructure (the audit trail) needs to know: an
 * id. The signed-in user's principal implements it; system work has none.
 */
public interface Actor {

	long id();

	/** The id of the signed-in actor, or null for system jobs and demo seeding. */
	static Long currentIdOrNull() {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		return auth != null && auth.getPrincipal() instanceof Actor actor ? actor.id() : null;
	}

}
