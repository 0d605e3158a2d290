package org.opencrm.service.csat;

import java.time.Instant;

/**
 * A survey as its public page shows it. {@code changeable}: a rating can still be given
 * or changed (until seven days after the first one).
 */
public record SurveyView(long id, String ticketNumber, String ticketSubject, Integer rating, String comment,
		Instant ratedAt, boolean changeable) {
}
