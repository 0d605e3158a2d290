package org.opencrm.core.contact;

import org.opencrm.core.shared.LifecycleStage;

/** What the contacts list is narrowed by; every field has an index behind it. */
public record ContactFilter(String q, Long ownerId, LifecycleStage stage, String tag, Long accountId, Sort sort) {

	public enum Sort {

		NAME, NEWEST

	}

	public ContactFilter {
		sort = sort == null ? Sort.NAME : sort;
	}

	public static ContactFilter none() {
		return new ContactFilter(null, null, null, null, null, Sort.NAME);
	}

	public static ContactFilter ofAccount(long accountId) {
		return new ContactFilter(null, null, null, null, accountId, Sort.NAME);
	}
}
