package org.opencrm.core.event;

/** A company was added to the CRM. */
public record AccountCreated(long accountId, String name) {
}
