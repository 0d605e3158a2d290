package org.opencrm.service.csat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.opencrm.core.signing.Signatures;
import org.springframework.stereotype.Component;

/**
 * Survey links carry the survey id and its HMAC-SHA256, so a customer can rate without
 * signing in and nobody can rate someone else's survey by changing the number. Signed by
 * core's {@link Signatures} (the application's secret, the same on every node and after
 * restarts).
 */
@Component
class SurveyTokens {

	private static final String PURPOSE = "csat-survey";

	private final Signatures signatures;

	SurveyTokens(Signatures signatures) {
		this.signatures = signatures;
	}

	String sign(long surveyId) {
		return surveyId + "." + mac(surveyId);
	}

	/**
	 * The survey id of a genuine token; {@link InvalidSurveyTokenException} otherwise.
	 */
	long verify(String token) {
		if (token == null || token.length() > 200) {
			throw new InvalidSurveyTokenException();
		}
		int dot = token.indexOf('.');
		if (dot <= 0) {
			throw new InvalidSurveyTokenException();
		}
		long id;
		try {
			id = Long.parseLong(token.substring(0, dot));
		}
		catch (NumberFormatException ex) {
			throw new InvalidSurveyTokenException();
		}
		byte[] given;
		try {
			given = Base64.getUrlDecoder().decode(token.substring(dot + 1));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidSurveyTokenException();
		}
		if (!signatures.verify(PURPOSE, payload(id), given)) {
			throw new InvalidSurveyTokenException();
		}
		return id;
	}

	private static byte[] payload(long surveyId) {
		return ("csat:" + surveyId).getBytes(StandardCharsets.UTF_8);
	}

	private String mac(long surveyId) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(signatures.sign(PURPOSE, payload(surveyId)));
	}

}
