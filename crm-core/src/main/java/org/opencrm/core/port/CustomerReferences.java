package org.opencrm.core.port;

import java.util.List;
import org.opencrm.core.shared.RecordInUseException.Holder;

/**
 * What a module keeps about a person or a company, asked before core deletes one. Each
 * module decides per reference: records that cannot stand without the person or company
 * (a ticket's requester, a deal's account, an upcoming appointment) hold it, and the
 * deletion is refused with what holds it; records that stand on their own (a converted
 * lead, a deal's primary contact, a survey answer) are detached. Both in the deleting
 * transaction, after core has locked the contact or account row, so a reference added
 * meanwhile waits for the deletion and cannot slip in between. A {@link Holder}'s code is
 * a message key with the count as {@code {0}}, e.g. {@code held.tickets} = "{0,choice,1#1
 * ticket|1<{0} tickets}".
 */
public interface CustomerReferences {

	/** What holds the contact; empty when nothing does (the default). */
	default List<Holder> holdingContact(long contactId) {
		return List.of();
	}

	/**
	 * Detaches (or deletes) what only mentions the contact; only after no module holds
	 * it. The default keeps nothing about people.
	 */
	default void releaseContact(long contactId) {
	}

	/** What holds the account; empty when nothing does (the default). */
	default List<Holder> holdingAccount(long accountId) {
		return List.of();
	}

	/**
	 * Detaches (or deletes) what only mentions the account; only after no module holds
	 * it. The default keeps nothing about companies.
	 */
	default void releaseAccount(long accountId) {
	}

}
