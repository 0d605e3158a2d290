package org.opencrm.core.workflow;

/** The type of a record's field as conditions and "set field" see it. */
public enum FieldType {

	/** Free text; compared without case. */
	TEXT,
	/** A decimal number. */
	NUMBER,
	/** A day, {@code yyyy-MM-dd}. */
	DATE,
	/** One of the field's choices (a stage, a priority), compared without case. */
	CHOICE,
	/** A user, by id. */
	USER

}
