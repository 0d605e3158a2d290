package org.opencrm.service.sla;

import java.time.Instant;
import java.util.List;

/**
 * A recorded SLA warning or breach of one ticket, with the escalation actions it caused.
 *
 * @param actions the message keys of the actions a breach caused (empty: none), shown in
 * the reader's language; null for a warning
 */
public record SlaEvent(String metric, String kind, Instant dueAt, Instant occurredAt, List<String> actions) {
}
