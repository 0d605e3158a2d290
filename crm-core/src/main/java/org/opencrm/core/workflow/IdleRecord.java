package org.opencrm.core.workflow;

import java.time.Instant;

/**
 * A record nothing happened to since {@code since}: an idle rule acts once per such
 * period.
 */
public record IdleRecord(long id, Instant since) {
}
