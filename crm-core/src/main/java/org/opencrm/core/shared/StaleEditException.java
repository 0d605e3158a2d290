package org.opencrm.core.shared;

/**
 * An edit was made on a copy of a record that someone else has changed since it was
 * loaded.
 */
public class StaleEditException extends RuntimeException {

	public StaleEditException(String entity, Long id, long submittedVersion, long currentVersion) {
		super("%s %d was changed by someone else (edited version %d, current version %d)".formatted(entity, id,
				submittedVersion, currentVersion));
	}

}
