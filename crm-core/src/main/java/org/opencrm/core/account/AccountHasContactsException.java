package org.opencrm.core.account;

/** An account can't be deleted while people are still linked to it. */
public class AccountHasContactsException extends RuntimeException {

	private final long contacts;

	public AccountHasContactsException(long accountId, long contacts) {
		super("Account " + accountId + " still has " + contacts + " contacts");
		this.contacts = contacts;
	}

	public long contacts() {
		return contacts;
	}

}
