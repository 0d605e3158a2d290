package org.opencrm.web.sales;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** Money and percentages on sales pages ({@code ${@salesFmt.money(x, 'EUR')}}). */
@Component("salesFmt")
public class SalesFormats {

	public String money(BigDecimal amount, String currency) {
		if (amount == null) {
			return "";
		}
		return String.format(Locale.ENGLISH, "%,.2f", amount.setScale(2, RoundingMode.HALF_UP))
				+ (currency == null ? "" : " " + currency);
	}

	/** A whole amount, for report columns where cents are noise. */
	public String whole(BigDecimal amount) {
		return amount == null ? ""
				: String.format(Locale.ENGLISH, "%,d", amount.setScale(0, RoundingMode.HALF_UP).longValueExact());
	}

	public String percent(BigDecimal percent) {
		return percent == null ? "—" : percent.setScale(1, RoundingMode.HALF_UP).toPlainString() + " %";
	}

	public String days(BigDecimal days) {
		return days == null ? "—" : days.setScale(1, RoundingMode.HALF_UP).toPlainString();
	}

}
