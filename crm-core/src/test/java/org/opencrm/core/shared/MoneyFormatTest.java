package org.opencrm.core.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Money as a reader of each language expects it: their marks, the currency's symbol. */
class MoneyFormatTest {

	private static final Locale EN = Locale.ENGLISH;

	private static final Locale DE = Locale.GERMAN;

	private static String format(String amount, String currency, Locale locale) {
		return MoneyFormat.format(new BigDecimal(amount), currency, locale);
	}

	@Test
	void euroLeadsInEnglishAndFollowsInGerman() {
		assertThat(format("12000", "EUR", EN)).isEqualTo("€12,000.00");
		assertThat(format("12000", "EUR", DE)).isEqualTo("12.000,00\u00a0€");
		assertThat(MoneyFormat.format(new Money(new BigDecimal("1234.5"), "EUR"), DE)).isEqualTo("1.234,50\u00a0€");
	}

	@Test
	void eachCurrencyHasItsOwnSymbol() {
		assertThat(format("9.99", "USD", EN)).isEqualTo("$9.99");
		assertThat(format("9.99", "USD", DE)).isEqualTo("9,99\u00a0$");
		assertThat(format("1500", "GBP", EN)).isEqualTo("£1,500.00");
		assertThat(format("1500", "GBP", DE)).isEqualTo("1.500,00\u00a0£");
		// A symbol of letters stands apart from the figure.
		assertThat(format("250", "CHF", EN)).isEqualTo("CHF\u00a0250.00");
		assertThat(format("250", "CHF", DE)).isEqualTo("250,00\u00a0CHF");
		// At the currency's own scale.
		assertThat(format("1234", "JPY", EN)).isEqualTo("¥1,234");
	}

	@Test
	void aNegativeAmountCarriesItsSignBeforeTheSymbol() {
		assertThat(format("-12.5", "EUR", EN)).isEqualTo("-€12.50");
		assertThat(format("-12.5", "EUR", DE)).isEqualTo("-12,50\u00a0€");
		assertThat(format("-0.001", "EUR", EN)).isEqualTo("€0.00");
	}

	@Test
	void aFigureWithoutCurrencyIsTheNumberInTheReadersMarks() {
		assertThat(format("1234.5", null, EN)).isEqualTo("1,234.50");
		assertThat(format("1234.5", null, DE)).isEqualTo("1.234,50");
		assertThat(MoneyFormat.format(null, "EUR", DE)).isEmpty();
	}

}
