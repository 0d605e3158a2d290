package org.opencrm.sales.product;

import java.math.BigDecimal;

/**
 * A product as an admin creates or edits it.
 *
 * @param repurchaseIntervalDays days after which customers typically buy again; null for
 * never
 * @param version the version the editor saw (ignored on create)
 */
public record ProductCommand(String name, String sku, String description, BigDecimal unitPrice, String currency,
		Integer repurchaseIntervalDays, long version) {
}
