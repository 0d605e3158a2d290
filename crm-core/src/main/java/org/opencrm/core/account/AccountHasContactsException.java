package org.opencrm.core.account;

import java.util.List;
import org.opencrm.core.shared.RecordInUseException;

/** An account can't be deleted while people are still linked to it. */
public class AccountHasContactsException extends RecordInUseException {

	private final long contacts;

	public AccountHasContactsException(long accountId, long contacts) {
		super("account.delete.held", "Account " + accountId, List.of(new Holder("held.contacts", contacts)));
		this.contacts = contacts;
	}

	public long contacts() {
		return contacts;
	}

}
