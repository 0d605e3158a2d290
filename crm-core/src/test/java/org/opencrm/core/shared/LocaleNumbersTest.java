package org.opencrm.core.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class LocaleNumbersTest {

	@Test
	void aFormatWritesTheLocalesMarks() {
		assertThat(LocaleNumbers.numberFormat(Locale.ENGLISH).format(new BigDecimal("1234.5"))).isEqualTo("1,234.5");
		assertThat(LocaleNumbers.numberFormat(Locale.GERMAN).format(new BigDecimal("1234.5"))).isEqualTo("1.234,5");
	}

	@Test
	void digitsSetOnOneCopyDoNotReachTheNext() {
		NumberFormat first = LocaleNumbers.numberFormat(Locale.ENGLISH);
		first.setMinimumFractionDigits(3);
		assertThat(first.format(2)).isEqualTo("2.000");
		assertThat(LocaleNumbers.numberFormat(Locale.ENGLISH).format(2)).isEqualTo("2");
	}

}
