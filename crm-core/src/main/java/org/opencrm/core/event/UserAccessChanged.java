package org.opencrm.core.event;

/**
 * Someone else changed how this user signs in or what they may do: an admin disabled
 * them, changed their role or team, set their password, or reset their second factor.
 * Whatever they signed in with before must not carry on (the web module ends their
 * sessions); their own password change and a reset through the mailed link are handled
 * where they happen.
 */
public record UserAccessChanged(long userId, String username) {
}
