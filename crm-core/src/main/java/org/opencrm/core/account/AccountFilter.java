package org.opencrm.core.account;

import org.opencrm.core.shared.LifecycleStage;

/** What the accounts list is narrowed by; every field has an index behind it. */
public record AccountFilter(String q, Long ownerId, LifecycleStage stage, String tag, Sort sort) {

	public enum Sort {

		NAME, NEWEST

	}

	public AccountFilter {
		sort = sort == null ? Sort.NAME : sort;
	}

	public static AccountFilter none() {
		return new AccountFilter(null, null, null, null, Sort.NAME);
	}
}
