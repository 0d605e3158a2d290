package org.opencrm.core.user;

/**
 * Create or change a user; {@code password} may be blank on an edit to keep the current
 * one.
 */
public record UserCommand(String username, String fullName, String email, Role role, Long teamId, boolean enabled,
		String password, long version) {
}
