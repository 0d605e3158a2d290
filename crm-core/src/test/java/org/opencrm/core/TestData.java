package org.opencrm.core;

import java.util.List;
import org.opencrm.core.account.AccountCommand;
import org.opencrm.core.contact.ContactCommand;
import org.opencrm.core.shared.LifecycleStage;

/** Builders for test records: sensible defaults, change only what a test is about. */
public final class TestData {

	private TestData() {
	}

	public static AccountCommand account(String name) {
		return new AccountCommand(name, null, "Software", null, null, null, null, "Berlin", null, "Germany",
				LifecycleStage.LEAD, null, List.of(), 0);
	}

	public static ContactCommand contact(String first, String last, String email, Long accountId) {
		return new ContactCommand(first, last, null, email, null, null, null, null, null, null, accountId,
				LifecycleStage.LEAD, null, List.of(), false, false, 0);
	}

	public static ContactCommand withVersion(ContactCommand c, long version) {
		return new ContactCommand(c.firstName(), c.lastName(), c.title(), c.email(), c.phone(), c.mobile(), c.street(),
				c.city(), c.postalCode(), c.country(), c.accountId(), c.lifecycleStage(), c.ownerId(), c.tags(),
				c.consentEmail(), c.consentPhone(), version);
	}
}
