package org.opencrm.core.audit;

import java.time.Instant;

/**
 * One line of a record's history. {@code oldName}/{@code newName}: the names of the user,
 * account or contact a reference field's values point at (null for other fields, and for
 * a record since deleted).
 */
public record AuditEntry(long id, String action, String field, String oldValue, String newValue, Instant changedAt,
		String changedByName, String oldName, String newName) {
}
