package org.opencrm.marketing.sequence;

import java.time.Instant;
import java.util.List;

/** Read models of the sequence pages. */
public final class SequenceViews {

	private SequenceViews() {
	}

	public record SequenceRow(long id, String name, boolean active, String enrolTag, boolean enrolOnLeadConverted,
			long steps, long activeEnrolments) {
	}

	public record SequenceDetails(long id, String name, boolean active, String enrolTag, boolean enrolOnLeadConverted,
			long version, List<StepView> steps) {
	}

	public record StepView(int position, StepKind kind, Long templateId, String templateName, Integer waitDays,
			String branchOn, Integer thenStep, Integer elseStep, String tag, String taskTitle) {
	}

	/**
	 * A contact's place in a sequence. {@code mailBlocked} says why the contact's e-mail
	 * steps are passed over ({@code NO_ADDRESS}, {@code NO_CONSENT}, {@code SUPPRESSED}),
	 * null when they are sent: an active enrolment is not one that receives mail.
	 */
	public record EnrolmentRow(long id, long sequenceId, String sequenceName, long contactId, String contactName,
			int position, String stepKind, String status, Instant nextRunAt, String stopReason, String mailBlocked) {
	}

}
