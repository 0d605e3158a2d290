package org.opencrm.sales.purchase;

import java.util.List;
import org.opencrm.core.port.PurchaseHistory;
import org.opencrm.core.shared.Keyset;
import org.opencrm.core.shared.KeysetPage;
import org.opencrm.core.shared.Rows;
import org.opencrm.core.shared.SqlWhere;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a customer bought: the line items of their won deals, newest purchase first. A
 * contact's purchases are those of the deals they are the primary contact of. The
 * purchase date is the day the deal was won (its close date when no close time was
 * recorded).
 */
@Service
public class PurchaseHistoryQuery implements PurchaseHistory {

	/** The purchase day and line item id, as text that sorts like the keyset order. */
	private static final String SORT_KEY = "to_char(%s, 'YYYY-MM-DD')".formatted(PurchasedOn.SQL);

	private static final String SELECT = """
			select li.id as line_item_id, o.id as opportunity_id, o.name as opportunity_name, p.id as product_id,
			       p.name as product_name, p.sku, li.quantity, li.unit_price, li.discount_percent, li.line_total,
			       o.currency, %s as purchased_on, %s as sort_key
			from opportunities o
			join opportunity_line_items li on li.opportunity_id = o.id
			join products p on p.id = li.product_id
			""".formatted(PurchasedOn.SQL, SORT_KEY);

	private final JdbcClient jdbc;

	PurchaseHistoryQuery(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	@Transactional(readOnly = true)
	public List<Purchase> forAccount(long accountId, int limit) {
		return page(Customer.account(accountId), null, limit).items()
			.stream()
			.map(PurchaseHistoryQuery::purchase)
			.toList();
	}

	@Override
	@Transactional(readOnly = true)
	public List<Purchase> forContact(long contactId, int limit) {
		return page(Customer.contact(contactId), null, limit).items()
			.stream()
			.map(PurchaseHistoryQuery::purchase)
			.toList();
	}

	/** The full history, newest first, paged by (purchase day, line item id). */
	@Transactional(readOnly = true)
	public KeysetPage<PurchaseRow> page(Customer customer, String cursor, int pageSize) {
		SqlWhere where = new SqlWhere().and("o.status = 'WON'");
		if (customer.contact()) {
			where.and("o.primary_contact_id = :customer", "customer", customer.id());
		}
		else {
			where.and("o.account_id = :customer", "customer", customer.id());
		}
		Keyset.Cursor c = Keyset.decode(cursor);
		boolean desc = c == null || c.forward();
		if (c != null) {
			where
				.and("(" + PurchasedOn.SQL + ", li.id) " + (desc ? "<" : ">")
						+ " (cast(:cursorDay as date), :cursorId)")
				.param("cursorDay", c.dateValue().toString())
				.param("cursorId", c.id());
		}
		String dir = desc ? " desc" : " asc";
		String sql = SELECT + where.sql() + " order by " + PurchasedOn.SQL + dir + ", li.id" + dir + " limit :limit";
		List<PurchaseRow> rows = where.bind(jdbc.sql(sql))
			.param("limit", pageSize + 1)
			.query(Rows.of(PurchaseRow.class))
			.list();
		return Keyset.page(rows, pageSize, c, PurchaseRow::sortKey, PurchaseRow::lineItemId, null);
	}

	private static Purchase purchase(PurchaseRow r) {
		return new Purchase(r.opportunityId(), r.opportunityName(), r.productId(), r.productName(), r.sku(),
				r.quantity(), r.lineTotal(), r.currency(), r.purchasedOn());
	}

	/** Whose purchases: an account's, or a contact's (as the deals' primary contact). */
	public record Customer(long id, boolean contact) {

		public static Customer account(long id) {
			return new Customer(id, false);
		}

		public static Customer contact(long id) {
			return new Customer(id, true);
		}
	}

	private static final class PurchasedOn {

		// closed_at in UTC, like the rest of the app's stored times; the close date when
		// not recorded.
		static final String SQL = "coalesce((o.closed_at at time zone 'UTC')::date, o.close_date)";

	}

}
