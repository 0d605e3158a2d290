package org.opencrm.marketing.form;

import java.util.Map;

/**
 * What became of a submission. ACCEPTED: stored and handed to sales. IGNORED: a bot
 * filled the honeypot; it is shown the same thank-you and nothing is stored.
 * RATE_LIMITED: too many from this address lately. INVALID: {@code errors} maps field
 * parameters to message keys.
 */
public record SubmissionResult(Outcome outcome, Map<String, String> errors, String thankYou, Long submissionId) {

	public enum Outcome {

		ACCEPTED, IGNORED, RATE_LIMITED, INVALID

	}

	public boolean thanked() {
		return outcome == Outcome.ACCEPTED || outcome == Outcome.IGNORED;
	}
}
