package org.opencrm.core.shared;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * An amount in an ISO 4217 currency, at the currency's scale (2 for EUR, 0 for JPY).
 * Validates in its constructor: a known currency, no more decimals than the currency has;
 * {@link #nonNegative} adds the rule most amounts here follow (prices, budgets, deal
 * values, quotas). Forms check the currency with {@link ValidCurrency}.
 * <p>
 * An aggregate holds it as an {@code @Embedded} value over its {@code numeric} amount and
 * {@code char(3)} currency columns ({@code amount}, {@code currency} by default;
 * {@code @AttributeOverride} names others, e.g. a product's {@code unit_price}); the
 * constructor's rules run on every load too.
 *
 * @param amount the amount, scaled to the currency
 * @param currency the upper-case ISO 4217 code
 */
@Embeddable
public record Money(BigDecimal amount, @JdbcTypeCode(SqlTypes.CHAR) @Column(length = 3) String currency) {

	/**
	 * @throws RuleViolationException {@code money.amount.required} or
	 * {@code money.amount.scale} on field {@code amount}, {@code money.currency.invalid}
	 * on field {@code currency}
	 */
	public Money {
		Currency known = currency(currency).orElseThrow(() -> RuleViolationException.onField("currency",
				"money.currency.invalid", "Use a three-letter currency code, like EUR."));
		if (amount == null) {
			throw RuleViolationException.onField("amount", "money.amount.required", "Enter an amount.");
		}
		int digits = Math.max(known.getDefaultFractionDigits(), 0);
		if (amount.stripTrailingZeros().scale() > digits) {
			throw RuleViolationException.onField("amount", "money.amount.scale",
					"At most {0} decimal places in this currency.", digits);
		}
		amount = amount.setScale(digits);
		currency = known.getCurrencyCode();
	}

	/**
	 * Money that is zero or more.
	 * @throws RuleViolationException {@code money.amount.negative} on field
	 * {@code amount}, or as the constructor
	 */
	public static Money nonNegative(BigDecimal amount, String currency) {
		Money money = new Money(amount, currency);
		if (money.amount.signum() < 0) {
			throw RuleViolationException.onField("amount", "money.amount.negative", "The amount can't be negative.");
		}
		return money;
	}

	/**
	 * Money that is zero or more, rounded (half up) to the currency's decimals: a sum of
	 * discounted lines.
	 * @throws RuleViolationException as {@link #nonNegative}
	 */
	public static Money rounded(BigDecimal amount, String currency) {
		int digits = currency(currency).map(c -> Math.max(c.getDefaultFractionDigits(), 0)).orElse(2);
		return nonNegative(amount == null ? null : amount.setScale(digits, RoundingMode.HALF_UP), currency);
	}

	/** The same amount in the same currency, whatever the scale: 9000 is 9000.00. */
	public boolean sameAs(Money other) {
		return other != null && currency.equals(other.currency) && amount.compareTo(other.amount) == 0;
	}

	/** The ISO 4217 currency {@code code} names (any case), if it is one. */
	public static Optional<Currency> currency(String code) {
		if (code == null || !code.strip().matches("[A-Za-z]{3}")) {
			return Optional.empty();
		}
		try {
			return Optional.of(Currency.getInstance(code.strip().toUpperCase(Locale.ROOT)));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	@Override
	public String toString() {
		return amount.toPlainString() + " " + currency;
	}

}
