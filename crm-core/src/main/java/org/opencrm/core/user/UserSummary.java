package org.opencrm.core.user;

/** A user as lists and pick-lists show them. */
public record UserSummary(long id, String username, String fullName, String email, Role role, Long teamId,
		String teamName, boolean enabled, long version) {
}
