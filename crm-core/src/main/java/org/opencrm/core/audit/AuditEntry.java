package org.opencrm.core.audit;

import java.time.Instant;

/** One line of a record's history. */
public record AuditEntry(long id, String action, String field, String oldValue, String newValue, Instant changedAt,
		String changedByName) {
}
