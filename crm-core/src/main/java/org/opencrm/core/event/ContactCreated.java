package org.opencrm.core.event;

/** A person was added to the CRM, optionally at a company. */
public record ContactCreated(long contactId, Long accountId, String email) {
}
