package org.opencrm.marketing.tracking;

/**
 * A tracking or unsubscribe token that was not signed by us (forged, altered or cut
 * short).
 */
public class InvalidTokenException extends RuntimeException {

	InvalidTokenException() {
		super("Invalid tracking token");
	}

}
