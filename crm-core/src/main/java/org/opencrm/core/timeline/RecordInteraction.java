package org.opencrm.core.timeline;

import java.time.Instant;
import java.util.Objects;

/**
 * A point of contact to put on the timeline. At least one of account and contact is set;
 * an entry about a contact also lands on the contact's account. {@code sourceModule} says
 * who wrote it (core, sales, marketing, service) and {@code sourceRef} what it links to,
 * e.g. {@code ticket:42}. The subject and body are {@link TimelineText}s: a message key
 * with arguments, rendered in each reader's language, or (body, and the subject of what a
 * person logs) the words someone wrote.
 */
public record RecordInteraction(InteractionKind kind, Instant occurredAt, Long accountId, Long contactId,
		TimelineText subject, TimelineText body, String sourceModule, String sourceRef) {

	public RecordInteraction {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(occurredAt, "occurredAt");
		Objects.requireNonNull(subject, "subject");
		Objects.requireNonNull(sourceModule, "sourceModule");
		if (accountId == null && contactId == null) {
			throw new IllegalArgumentException("A timeline entry belongs to an account or a contact");
		}
	}

	/**
	 * A call, meeting, note or e-mail logged by a person from the CRM's pages, in their
	 * own words ({@link TimelineService#log}).
	 */
	public static RecordInteraction logged(InteractionKind kind, Instant occurredAt, Long accountId, Long contactId,
			String subject, String body) {
		return new RecordInteraction(kind, occurredAt, accountId, contactId,
				TimelineText.quote(Objects.requireNonNull(subject, "subject")), TimelineText.quote(body), "core", null);
	}

}
