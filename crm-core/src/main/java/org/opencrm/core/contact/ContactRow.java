package org.opencrm.core.contact;

import org.opencrm.core.shared.LifecycleStage;

/** One line of the contacts list; {@code version} for bulk changes from the list. */
public record ContactRow(long id, String firstName, String lastName, String email, String phone, Long accountId,
		String accountName, LifecycleStage lifecycleStage, String ownerName, long version, String sortKey,
		String externalId) {

	public String fullName() {
		return firstName + " " + lastName;
	}
}
