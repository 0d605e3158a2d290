package org.opencrm.sales.partner;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import org.opencrm.core.shared.BaseEntity;
import org.opencrm.core.shared.RuleViolationException;

/**
 * Sales' view of an account that sells with us: its type and since when. One per account
 * (the account id is the table's key, which deals point at); marking again changes the
 * type.
 */
@Entity
@Table(name = "partners")
class Partner extends BaseEntity {

	private long accountId;

	@Enumerated(EnumType.STRING)
	private PartnerType partnerType;

	private LocalDate since;

	protected Partner() {
	}

	Partner(long accountId, PartnerType type, LocalDate since) {
		this.accountId = accountId;
		mark(type, since);
	}

	/**
	 * Sets the partner's type, and the day it became one ({@code since}, never null: the
	 * caller defaults it).
	 */
	void mark(PartnerType type, LocalDate since) {
		// The form requires a type; a null here is a programming error, not a user's.
		this.partnerType = Objects.requireNonNull(type, "type");
		this.since = since;
	}

	/**
	 * Checks the partnership may end: deals attributed to a partner point at it.
	 * @throws RuleViolationException {@code partner.hasDeals}
	 */
	void requireEndable(long attributedDeals) {
		if (attributedDeals > 0) {
			throw new RuleViolationException("partner.hasDeals", "Deals are attributed to this partner");
		}
	}

	Map<String, String> snapshot() {
		return Map.of("type", partnerType.name());
	}

}
