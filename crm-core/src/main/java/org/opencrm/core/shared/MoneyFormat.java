package org.opencrm.core.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;

/**
 * How money reads everywhere (pages, timeline, reports): the amount with the reader's
 * grouping and decimal marks at the currency's scale, then the ISO code —
 * {@code 12,000.00 EUR} in English, {@code 12.000,00 EUR} in German. The code rather than
 * a symbol, so "$" is never ambiguous between currencies.
 */
public final class MoneyFormat {

	private MoneyFormat() {
	}

	public static String format(Money money, Locale locale) {
		return money == null ? "" : format(money.amount(), money.currency(), locale);
	}

	/**
	 * @param currency the ISO code; null for a figure without one (a column whose heading
	 * names the currency), shown with two decimals
	 */
	public static String format(BigDecimal amount, String currency, Locale locale) {
		if (amount == null) {
			return "";
		}
		int digits = Money.currency(currency).map(Currency::getDefaultFractionDigits).filter(d -> d >= 0).orElse(2);
		NumberFormat number = NumberFormat.getNumberInstance(locale == null ? Locale.ENGLISH : locale);
		number.setMinimumFractionDigits(digits);
		number.setMaximumFractionDigits(digits);
		number.setRoundingMode(RoundingMode.HALF_UP);
		String text = number.format(amount);
		return currency == null || currency.isBlank() ? text : text + " " + currency;
	}

}
