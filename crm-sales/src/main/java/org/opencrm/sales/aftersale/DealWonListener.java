package org.opencrm.sales.aftersale;

import org.opencrm.core.event.DealWon;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Schedules after-sale tasks once a won deal is committed (own transaction, publication
 * stored).
 */
@Component
class DealWonListener {

	private final AfterSaleService afterSale;

	DealWonListener(AfterSaleService afterSale) {
		this.afterSale = afterSale;
	}

	@ApplicationModuleListener
	void on(DealWon event) {
		afterSale.schedule(event);
	}

}
