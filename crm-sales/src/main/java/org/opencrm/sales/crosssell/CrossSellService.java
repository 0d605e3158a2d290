package org.opencrm.sales.crosssell;

import java.util.List;
import org.opencrm.core.shared.Rows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cross-sell suggestions: active products bought by customers who bought the same things
 * as this one, which this one hasn't bought. For each candidate the reason is the product
 * of this customer's with the highest share of buyers who also bought the candidate
 * (ties: more customers); candidates bought together by fewer than
 * {@value #MIN_CUSTOMERS} customers are noise and left out. Reads the affinity tables
 * {@link ProductAffinity} precomputes, so their figures are as of the last full health
 * pass. This customer's products come from {@code account_products} (per account and
 * product, the line items of its won deals; kept by triggers, see its migration), a few
 * rows however many deals the customer has won.
 */
@Service
@Transactional(readOnly = true)
public class CrossSellService {

	static final int MIN_CUSTOMERS = 2;

	private final JdbcClient jdbc;

	CrossSellService(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * One statement; best suggestion first (share of customers, then their number, then
	 * product id).
	 */
	public List<CrossSellSuggestion> forAccount(long accountId, int limit) {
		return jdbc
			.sql("""
					with mine as (
					  select product_id from account_products where account_id = :account),
					candidates as (
					  select pa.other_product_id as product_id, pa.product_id as reason_id, pa.customers as both_count,
					         pb.customers as reason_count,
					         row_number() over (partition by pa.other_product_id
					                            order by pa.customers::numeric / pb.customers desc, pa.customers desc,
					                                     pa.product_id) as rank
					  from product_affinity pa
					  join product_buyers pb on pb.product_id = pa.product_id
					  where pa.product_id in (select product_id from mine)
					    and pa.other_product_id not in (select product_id from mine)
					    and pa.customers >= :min)
					select c.product_id, p.name as product_name, p.sku, p.unit_price, p.currency, c.reason_id as reason_product_id,
					       rp.name as reason_product_name, c.both_count as customers_with_both,
					       c.reason_count as customers_with_reason
					from candidates c
					join products p on p.id = c.product_id and p.active
					join products rp on rp.id = c.reason_id
					where c.rank = 1
					order by c.both_count::numeric / c.reason_count desc, c.both_count desc, c.product_id
					limit :limit
					""")
			.param("account", accountId)
			.param("min", MIN_CUSTOMERS)
			.param("limit", limit)
			.query(Rows.of(CrossSellSuggestion.class))
			.list();
	}

}
