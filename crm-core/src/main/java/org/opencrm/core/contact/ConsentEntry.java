package org.opencrm.core.contact;

import java.time.Instant;

/** One line of a contact's consent log, newest first on the page. */
public record ConsentEntry(long id, String channel, boolean granted, ConsentSource source, String textShown,
		String changedByName, Instant occurredAt) {
}
