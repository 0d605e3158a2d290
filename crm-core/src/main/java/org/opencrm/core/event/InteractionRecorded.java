package org.opencrm.core.event;

import java.time.Instant;

/**
 * A point of contact landed on the timeline (a call, an e-mail, a ticket reply, a
 * campaign touch...).
 */
public record InteractionRecorded(long interactionId, String kind, Long accountId, Long contactId, Instant occurredAt) {
}
