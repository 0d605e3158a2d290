package org.opencrm.web.api.token;

/**
 * A token just made: {@code token} is the only time the secret is ever shown.
 */
public record CreatedToken(long id, String name, String prefix, String token) {
}
