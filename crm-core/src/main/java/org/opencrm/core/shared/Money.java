package org.opencrm.core.shared;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;

/**
 * An amount in an ISO 4217 currency, at the currency's scale (2 for EUR, 0 for JPY).
 * Validates in its constructor: a known currency, no more decimals than the currency has;
 * {@link #nonNegative} adds the rule most amounts here follow (prices, budgets, deal
 * values, quotas). Forms check the currency with {@link ValidCurrency}.
 *
 * @param amount the amount, scaled to the currency
 * @param currency the upper-case ISO 4217 code
 */
public record Money(BigDecimal amount, String currency) {

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
