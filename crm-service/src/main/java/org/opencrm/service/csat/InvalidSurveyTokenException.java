package org.opencrm.service.csat;

/**
 * A survey link that was not made by us (altered, forged or truncated). Pages answer 400.
 */
public class InvalidSurveyTokenException extends RuntimeException {

	public InvalidSurveyTokenException() {
		super("Invalid survey link");
	}

}
