package org.opencrm.web.api.token;

import java.time.Instant;

/**
 * What a user asks for: a name to recognise the token by, its scope, and an optional end.
 */
public record NewToken(String name, TokenScope scope, Instant expiresAt) {
}
