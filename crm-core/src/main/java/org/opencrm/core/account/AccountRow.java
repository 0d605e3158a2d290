package org.opencrm.core.account;

import org.opencrm.core.shared.LifecycleStage;

/** One line of the accounts list. */
public record AccountRow(long id, String name, String industry, String city, String country,
		LifecycleStage lifecycleStage, String ownerName, long contactCount, String sortKey) {
}
