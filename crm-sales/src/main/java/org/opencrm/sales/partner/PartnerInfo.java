package org.opencrm.sales.partner;

import java.time.LocalDate;

/** An account's partner status; {@code type} null when it is no partner. */
public record PartnerInfo(long accountId, String accountName, PartnerType type, LocalDate since, long version) {

	public boolean isPartner() {
		return type != null;
	}
}
