package org.opencrm.marketing.summary;

import java.time.Instant;
import java.util.List;
import org.opencrm.marketing.sequence.SequenceViews.EnrolmentRow;

/**
 * What marketing knows about an account or a contact: campaign e-mails received, the last
 * engagement (an open or click, else a send) and the sequences walked.
 */
public record MarketingSummary(long emailsReceived, long opened, long clicked, Instant lastEngagementAt,
		String lastEngagement, List<Touch> recent, List<EnrolmentRow> sequences) {

	/** One e-mail: its campaign (or template, for a sequence step) and what the person did with it. */
	public record Touch(long sendId, Long campaignId, String name, String status, Instant sentAt, Instant openedAt,
			Instant clickedAt, Instant unsubscribedAt, String contactName) {
	}
}
