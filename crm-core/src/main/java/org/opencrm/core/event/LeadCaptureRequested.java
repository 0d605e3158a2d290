package org.opencrm.core.event;

import java.time.Instant;

/**
 * Someone outside the sales team handed over a prospect: a web form was submitted or a
 * campaign got a response. Sales turns it into a lead (or updates the lead with the same
 * e-mail).
 *
 * @param source where it came from, e.g. {@code web-form}, {@code campaign}
 * @param sourceDetail a human label such as the form's name
 * @param campaignId the marketing campaign it answers, if any
 */
public record LeadCaptureRequested(String source, String sourceDetail, Long campaignId, String firstName,
		String lastName, String email, String phone, String company, String title, String industry, String country,
		Integer companySize, String message, Instant capturedAt) {
}
