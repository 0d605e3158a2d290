package org.opencrm.core.account;

/**
 * An account's id and name, for links and pick-lists, with its web domain and city to
 * tell namesakes apart.
 */
public record AccountRef(long id, String name, String domain, String city) {

	/** What tells it from another account of the same name: its domain, else its city. */
	public String detail() {
		return domain != null && !domain.isBlank() ? domain : city;
	}

}
