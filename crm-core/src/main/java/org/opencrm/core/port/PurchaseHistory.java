package org.opencrm.core.port;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What a customer has bought (won deals' line items), newest first. Implemented by sales.
 */
public interface PurchaseHistory {

	List<Purchase> forAccount(long accountId, int limit);

	List<Purchase> forContact(long contactId, int limit);

	record Purchase(long opportunityId, String opportunityName, long productId, String productName, String sku,
			BigDecimal quantity, BigDecimal lineTotal, String currency, LocalDate purchasedOn) {
	}

}
