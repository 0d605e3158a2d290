package org.opencrm.core.shared;

/** A record asked for by id does not exist, or the current user may not see it. */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String entity, Object id) {
		super(entity + " " + id + " not found");
	}

}
