package org.opencrm.core.account;

/** An existing account that looks like the one being entered, and why. */
public record AccountMatch(long id, String name, String domain, String reason) {
}
