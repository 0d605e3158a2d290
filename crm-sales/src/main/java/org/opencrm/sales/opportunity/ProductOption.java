package org.opencrm.sales.opportunity;

import java.math.BigDecimal;

/** An active product for a deal's line items, with its list price. */
public record ProductOption(long id, String name, String sku, BigDecimal unitPrice, String currency) {
}
