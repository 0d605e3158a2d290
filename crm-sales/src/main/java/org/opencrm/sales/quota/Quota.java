package org.opencrm.sales.quota;

import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.opencrm.core.shared.BaseEntity;
import org.opencrm.core.shared.Money;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.sales.shared.PeriodType;

/**
 * A rep's target for one month or quarter, stored against the period's first day. Its
 * rules (an amount that isn't negative, a three-letter currency) hold on every change;
 * who may set whose quota stays with the service.
 */
@Entity
@Table(name = "quotas")
class Quota extends BaseEntity {

	private long userId;

	@Enumerated(EnumType.STRING)
	private PeriodType periodType;

	private LocalDate periodStart;

	/** Columns {@code amount}, {@code currency}. */
	@Embedded
	private Money target;

	protected Quota() {
	}

	/** A quota of the period of {@code type} that {@code day} falls in. */
	Quota(long userId, PeriodType type, LocalDate day, BigDecimal amount, String currency) {
		this.userId = userId;
		this.periodType = type;
		this.periodStart = type.firstDay(day);
		change(amount, currency);
	}

	/**
	 * Sets the target; unchanged values leave the row (and its version) as it is.
	 * @throws RuleViolationException {@code money.currency.invalid},
	 * {@code money.amount.required}, {@code money.amount.negative}
	 */
	void change(BigDecimal amount, String currency) {
		Money typed = requireValid(amount, currency);
		// 9000 and 9000.00 are the same target, not a change.
		if (!typed.sameAs(this.target)) {
			this.target = typed;
		}
	}

	/** Which rep's which period this is: one quota per key. */
	String key() {
		return userId + "_" + periodType + "_" + periodStart;
	}

	static String key(long userId, PeriodType type, LocalDate day) {
		return userId + "_" + type + "_" + type.firstDay(day);
	}

	/** The rules of a target, checked before anything of a batch is written. */
	static Money requireValid(BigDecimal amount, String currency) {
		// Money's rules: a known currency first (a batch names one for every cell), then
		// an amount that isn't negative.
		return Money.nonNegative(amount, currency == null ? null : currency.trim());
	}

}
