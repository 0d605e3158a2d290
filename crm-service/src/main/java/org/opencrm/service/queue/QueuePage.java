package org.opencrm.service.queue;

import org.opencrm.core.shared.KeysetPage;

/** One page of a queue view with the counts of every view. */
public record QueuePage(KeysetPage<QueueRow> page, QueueCounts counts) {
}
