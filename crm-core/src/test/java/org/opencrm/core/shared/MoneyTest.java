package org.opencrm.core.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyTest {

	@Test
	void anAmountIsKeptAtItsCurrencysScaleAndTheCodeUpperCase() {
		Money money = new Money(new BigDecimal("29.9"), "eur");
		assertThat(money.amount()).isEqualTo(new BigDecimal("29.90"));
		assertThat(money.currency()).isEqualTo("EUR");
		assertThat(new Money(new BigDecimal("1500"), "JPY").amount()).isEqualTo(new BigDecimal("1500"));
		assertThat(new Money(new BigDecimal("10.500"), "EUR").amount()).isEqualTo(new BigDecimal("10.50"));
	}

	@Test
	void moreDecimalsThanTheCurrencyHasIsARuleOnTheAmount() {
		assertThatThrownBy(() -> new Money(new BigDecimal("0.001"), "EUR"))
			.isInstanceOfSatisfying(RuleViolationException.class, ex -> {
				assertThat(ex.code()).isEqualTo("money.amount.scale");
				assertThat(ex.field()).isEqualTo("amount");
			});
	}

	@Test
	void anUnknownCurrencyIsARuleOnTheCurrency() {
		for (String code : new String[] { "XYZ", "EU", "euro", "", null }) {
			assertThatThrownBy(() -> new Money(BigDecimal.ONE, code))
				.isInstanceOfSatisfying(RuleViolationException.class, ex -> {
					assertThat(ex.code()).isEqualTo("money.currency.invalid");
					assertThat(ex.field()).isEqualTo("currency");
				});
		}
		assertThat(new ValidCurrency.Check().isValid("XYZ", null)).isFalse();
		assertThat(new ValidCurrency.Check().isValid("chf", null)).isTrue();
	}

	@Test
	void aNegativeAmountIsRefusedWhereTheDomainSaysSo() {
		assertThat(new Money(new BigDecimal("-5"), "EUR").amount()).isEqualTo(new BigDecimal("-5.00"));
		assertThatThrownBy(() -> Money.nonNegative(new BigDecimal("-0.01"), "EUR"))
			.isInstanceOfSatisfying(RuleViolationException.class, ex -> {
				assertThat(ex.code()).isEqualTo("money.amount.negative");
				assertThat(ex.field()).isEqualTo("amount");
			});
		assertThat(Money.nonNegative(BigDecimal.ZERO, "EUR").amount()).isEqualTo(new BigDecimal("0.00"));
	}

}
