package org.opencrm.core.contact;

/**
 * An existing contact that looks like the one being entered, and why ("email" or "name").
 */
public record ContactMatch(long id, String firstName, String lastName, String email, String accountName,
		String reason) {

	public String fullName() {
		return firstName + " " + lastName;
	}
}
