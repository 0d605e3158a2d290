package org.opencrm.sales.crosssell;

import java.math.BigDecimal;

/**
 * A product this customer hasn't bought, and why it is suggested:
 * {@code customersWithBoth} of the {@code customersWithReason} customers who bought
 * {@code reasonProductName} (which this customer bought too) also bought it.
 */
public record CrossSellSuggestion(long productId, String productName, String sku, BigDecimal unitPrice, String currency,
		long reasonProductId, String reasonProductName, int customersWithBoth, int customersWithReason) {

	/**
	 * Share of the reason product's customers who also bought the suggestion, in whole
	 * percent.
	 */
	public int percent() {
		return customersWithReason == 0 ? 0 : Math.round(100f * customersWithBoth / customersWithReason);
	}
}
