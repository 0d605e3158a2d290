package org.opencrm.core.user;

/** A unique name (username, team name) is already taken. */
public class DuplicateNameException extends RuntimeException {

	private final String field;

	public DuplicateNameException(String field, String value) {
		super(field + " '" + value + "' is already taken");
		this.field = field;
	}

	public String field() {
		return field;
	}

}
