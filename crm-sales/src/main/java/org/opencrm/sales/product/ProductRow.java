package org.opencrm.sales.product;

import java.math.BigDecimal;

/** A product as the admin list and form show it. */
public record ProductRow(long id, String name, String sku, String description, BigDecimal unitPrice, String currency,
		boolean active, Integer repurchaseIntervalDays, long version, String sortKey) {
}
