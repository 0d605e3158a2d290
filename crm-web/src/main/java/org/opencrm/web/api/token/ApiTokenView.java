package org.opencrm.web.api.token;

import java.time.Instant;

/**
 * A token as its owner and admins see it: never the secret, only its visible prefix.
 */
public record ApiTokenView(long id, long userId, String userName, String name, String prefix, TokenScope scope,
		Instant expiresAt, Instant lastUsedAt, Instant revokedAt, Instant createdAt) {

	/** Neither revoked nor expired at {@code now}. */
	public boolean activeAt(Instant now) {
		return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
	}

}
