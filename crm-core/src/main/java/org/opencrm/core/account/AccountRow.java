package org.opencrm.core.account;

import org.opencrm.core.shared.LifecycleStage;

/** One line of the accounts list; {@code version} for bulk changes from the list. */
public record AccountRow(long id, String name, String industry, String city, String country,
		LifecycleStage lifecycleStage, String ownerName, long contactCount, long version, String sortKey,
		String externalId) {
}
