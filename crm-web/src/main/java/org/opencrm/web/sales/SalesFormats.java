package org.opencrm.web.sales;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Figures on sales pages ({@code ${@salesFmt.whole(x)}}); money is {@code @fmt.money},
 * the same on every page.
 */
@Component("salesFmt")
public class SalesFormats {

	/** A whole amount, for report columns where cents are noise. */
	public String whole(BigDecimal amount) {
		return amount == null ? "" : NumberFormat.getIntegerInstance(LocaleContextHolder.getLocale())
			.format(amount.setScale(0, RoundingMode.HALF_UP));
	}

	public String percent(BigDecimal percent) {
		return percent == null ? "—" : percent.setScale(1, RoundingMode.HALF_UP).toPlainString() + " %";
	}

	public String days(BigDecimal days) {
		return days == null ? "—" : days.setScale(1, RoundingMode.HALF_UP).toPlainString();
	}

}
