package org.opencrm.service.queue;

import org.opencrm.core.shared.CappedCount;

/**
 * How many tickets each view holds (with the current filters), each counted up to the cap
 * ({@link CappedCount#HEADING_CAP}).
 */
public record QueueCounts(CappedCount mine, CappedCount myQueues, CappedCount unassigned, CappedCount all) {
}
