package org.opencrm.sales.purchase;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One bought line item, as the full purchase history list shows it. */
public record PurchaseRow(long lineItemId, long opportunityId, String opportunityName, long productId,
		String productName, String sku, BigDecimal quantity, BigDecimal unitPrice, BigDecimal discountPercent,
		BigDecimal lineTotal, String currency, LocalDate purchasedOn, String sortKey) {
}
