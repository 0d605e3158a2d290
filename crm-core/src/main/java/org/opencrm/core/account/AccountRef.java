package org.opencrm.core.account;

/** An account's id and name, for links and pick-lists. */
public record AccountRef(long id, String name) {
}
