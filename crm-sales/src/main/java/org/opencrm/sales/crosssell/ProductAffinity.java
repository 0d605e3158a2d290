package org.opencrm.sales.crosssell;

import org.opencrm.core.port.AnalyticsRefresh;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Rebuilds the product affinity tables from won deals' line items, in the caller's
 * transaction (readers see the old tables until it commits): who bought each product, and
 * for each pair of products how many customers bought both. Runs after each full
 * customer-health pass. Who bought what is {@code account_products} (per account and
 * product, kept by triggers on the deals and their line items).
 */
@Component
class ProductAffinity implements AnalyticsRefresh {

	private final JdbcClient jdbc;

	ProductAffinity(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void refresh() {
		jdbc.sql("delete from product_affinity").update();
		jdbc.sql("delete from product_buyers").update();
		jdbc.sql("""
				insert into product_buyers (product_id, customers)
				select product_id, count(*) from account_products group by product_id
				""").update();
		jdbc.sql(
				"""
						insert into product_affinity (product_id, other_product_id, customers)
						select a.product_id, b.product_id, count(*)
						from account_products a join account_products b on b.account_id = a.account_id and b.product_id <> a.product_id
						group by a.product_id, b.product_id
						""")
			.update();
	}

}
