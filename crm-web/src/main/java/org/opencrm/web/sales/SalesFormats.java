package org.opencrm.web.sales;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import org.opencrm.core.shared.LocaleNumbers;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Figures on sales pages ({@code ${@salesFmt.whole(x)}}) in the reader's language
 * ({@code 66.7 %}, {@code 66,7 %}); money is {@code @fmt.money}, the same on every page.
 */
@Component("salesFmt")
public class SalesFormats {

	/** A whole amount, for report columns where cents are noise. */
	public String whole(BigDecimal amount) {
		return amount == null ? "" : NumberFormat.getIntegerInstance(LocaleContextHolder.getLocale())
			.format(amount.setScale(0, RoundingMode.HALF_UP));
	}

	public String percent(BigDecimal percent) {
		return percent == null ? "—" : oneDecimal(percent) + " %";
	}

	public String days(BigDecimal days) {
		return days == null ? "—" : oneDecimal(days);
	}

	private static String oneDecimal(BigDecimal value) {
		NumberFormat format = LocaleNumbers.numberFormat(LocaleContextHolder.getLocale());
		format.setMinimumFractionDigits(1);
		format.setMaximumFractionDigits(1);
		format.setRoundingMode(RoundingMode.HALF_UP);
		return format.format(value);
	}

}
