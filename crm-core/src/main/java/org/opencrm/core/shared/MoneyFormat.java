package org.opencrm.core.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How money reads everywhere (pages, timeline, field history, reports' pages): the amount
 * with the reader's grouping and decimal marks at the currency's scale, and the
 * currency's symbol in the reader's language where the language puts it —
 * {@code €12,000.00} in English, {@code 12.000,00 €} in German, {@code $}, {@code £},
 * {@code ¥}; a currency whose symbol is letters ({@code CHF}, {@code CA$}) keeps a
 * non-breaking space from the figure. CSV exports write the plain amount and the ISO code
 * in a column of their own, for spreadsheets.
 */
public final class MoneyFormat {

	private static final char NBSP = '\u00a0';

	/** Per language: whether the currency comes before the amount. */
	private static final Map<Locale, Boolean> SYMBOL_FIRST = new ConcurrentHashMap<>();

	private MoneyFormat() {
	}

	public static String format(Money money, Locale locale) {
		return money == null ? "" : format(money.amount(), money.currency(), locale);
	}

	/**
	 * @param currency the ISO code; null for a figure without one (a column whose heading
	 * or neighbour names the currency), shown with two decimals
	 */
	public static String format(BigDecimal amount, String currency, Locale locale) {
		if (amount == null) {
			return "";
		}
		Locale reader = locale == null ? Locale.ENGLISH : locale;
		Currency known = Money.currency(currency).orElse(null);
		int digits = known == null ? 2 : Math.max(known.getDefaultFractionDigits(), 0);
		NumberFormat number = LocaleNumbers.numberFormat(reader);
		number.setMinimumFractionDigits(digits);
		number.setMaximumFractionDigits(digits);
		number.setRoundingMode(RoundingMode.HALF_UP);
		if (known == null) {
			return currency == null || currency.isBlank() ? number.format(amount)
					: number.format(amount) + NBSP + currency.strip();
		}
		String figure = number.format(amount.abs());
		String sign = amount.signum() < 0 && !figure.matches("[0.,\\s\u00a0\u202f']*") ? "-" : "";
		String symbol = known.getSymbol(reader);
		if (symbolFirst(reader)) {
			boolean letters = Character.isLetter(symbol.charAt(symbol.length() - 1));
			return sign + symbol + (letters ? String.valueOf(NBSP) : "") + figure;
		}
		return sign + figure + NBSP + symbol;
	}

	private static boolean symbolFirst(Locale locale) {
		return SYMBOL_FIRST.computeIfAbsent(locale, l -> {
			if (!(NumberFormat.getCurrencyInstance(l) instanceof DecimalFormat decimal)) {
				return true;
			}
			String pattern = decimal.toPattern().split(";")[0];
			int symbol = pattern.indexOf('\u00a4');
			int figure = pattern.replace('#', '0').indexOf('0');
			return symbol >= 0 && symbol < figure;
		});
	}

}
