package org.opencrm.service.sla;

import java.time.Instant;

/**
 * A recorded SLA warning or breach of one ticket, with the escalation actions it caused.
 */
public record SlaEvent(String metric, String kind, Instant dueAt, Instant occurredAt, String actions) {
}
