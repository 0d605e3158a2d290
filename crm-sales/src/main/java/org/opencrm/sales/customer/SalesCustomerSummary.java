package org.opencrm.sales.customer;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.opencrm.core.port.PurchaseHistory;
import org.opencrm.core.shared.SqlWhere;
import org.opencrm.core.user.Visibility;
import org.opencrm.sales.shared.Scopes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sales' answer to "what do you know about account (or contact) X" for the
 * single-customer dashboard: open deals, won revenue this year and lifetime, recent
 * purchases, an account's partner type. Three statements whatever the number of deals.
 * Only deals the user may see ({@link Visibility}) count. Amounts in different currencies
 * are never added: each figure is a list of one total per currency.
 */
@Service
public class SalesCustomerSummary {

	/** Open deals listed at most (the count covers them all). */
	public static final int OPEN_SHOWN = 10;

	public static final int PURCHASES_SHOWN = 5;

	/**
	 * A deal is won on the day it was closed (its close date when no close time was
	 * recorded).
	 */
	private static final String WON_ON = "coalesce((o.closed_at at time zone :zone)::date, o.close_date)";

	private final JdbcClient jdbc;

	private final PurchaseHistory purchases;

	private final Clock clock;

	SalesCustomerSummary(JdbcClient jdbc, PurchaseHistory purchases, Clock clock) {
		this.jdbc = jdbc;
		this.purchases = purchases;
		this.clock = clock;
	}

	/**
	 * {@code partnerType} is the account's partner type (RESELLER, …), null when it is no
	 * partner or for a contact.
	 */
	public record Summary(List<OpenDeal> openDeals, long openCount, List<Money> openTotals, List<Money> wonThisYear,
			List<Money> wonLifetime, long wonCount, List<PurchaseHistory.Purchase> purchases, String partnerType) {
	}

	public record OpenDeal(long id, String name, String stageName, int probability, BigDecimal amount, String currency,
			LocalDate closeDate, String ownerName) {
	}

	/** A total in one currency. */
	public record Money(String currency, BigDecimal amount) {
	}

	@Transactional(readOnly = true)
	public Summary forAccount(long accountId, Visibility visibility, ZoneId zone) {
		SqlWhere where = new SqlWhere().and("o.account_id = :customer", "customer", accountId);
		return summary(where, visibility, zone, purchases.forAccount(accountId, PURCHASES_SHOWN),
				"(select partner_type from partners where account_id = :customer)");
	}

	/** The deals whose primary contact the person is. */
	@Transactional(readOnly = true)
	public Summary forContact(long contactId, Visibility visibility, ZoneId zone) {
		SqlWhere where = new SqlWhere().and("o.primary_contact_id = :customer", "customer", contactId);
		return summary(where, visibility, zone, purchases.forContact(contactId, PURCHASES_SHOWN), "null::text");
	}

	/**
	 * @param partnerType the SQL of the customer's partner type, read with the totals
	 * (one statement)
	 */
	private Summary summary(SqlWhere where, Visibility visibility, ZoneId zone, List<PurchaseHistory.Purchase> bought,
			String partnerType) {
		Scopes.restrict(where, visibility, "o.owner_id");
		List<OpenDeal> open = where.bind(jdbc.sql("""
				select o.id, o.name, s.name as stage_name, s.probability, o.amount, o.currency, o.close_date,
				       u.full_name as owner_name
				from opportunities o
				join pipeline_stages s on s.id = o.stage_id
				left join users u on u.id = o.owner_id
				%s and o.status = 'OPEN'
				order by o.close_date, o.id limit :limit
				""".formatted(where.sql()))).param("limit", OPEN_SHOWN).query(OpenDeal.class).list();
		LocalDate yearStart = LocalDate.now(clock.withZone(zone)).withDayOfYear(1);
		// One row per currency, or one row of nulls without deals: the partner type comes
		// along either way.
		record Row(String partnerType, String currency, long openCount, BigDecimal openAmount, long wonCount,
				BigDecimal wonYear, BigDecimal wonLifetime) {
		}
		List<Row> all = where.bind(jdbc.sql("""
				select p.partner_type, t.currency, coalesce(t.open_count, 0) as open_count,
				       coalesce(t.open_amount, 0) as open_amount, coalesce(t.won_count, 0) as won_count,
				       coalesce(t.won_year, 0) as won_year, coalesce(t.won_lifetime, 0) as won_lifetime
				from (select %s as partner_type) p
				left join lateral (
				  select o.currency,
				         count(*) filter (where o.status = 'OPEN') as open_count,
				         coalesce(sum(o.amount) filter (where o.status = 'OPEN'), 0) as open_amount,
				         count(*) filter (where o.status = 'WON') as won_count,
				         coalesce(sum(o.amount) filter (where o.status = 'WON' and %s >= :yearStart), 0) as won_year,
				         coalesce(sum(o.amount) filter (where o.status = 'WON'), 0) as won_lifetime
				  from opportunities o %s
				  group by o.currency
				) t on true
				order by t.currency
				""".formatted(partnerType, WON_ON, where.sql())))
			.param("zone", zone.getId())
			.param("yearStart", Date.valueOf(yearStart))
			.query(Row.class)
			.list();
		String partner = all.get(0).partnerType();
		List<Row> rows = all.stream().filter(r -> r.currency() != null).toList();
		long openCount = rows.stream().mapToLong(Row::openCount).sum();
		long wonCount = rows.stream().mapToLong(Row::wonCount).sum();
		List<Money> openTotals = rows.stream()
			.filter(r -> r.openCount() > 0)
			.map(r -> new Money(r.currency(), r.openAmount()))
			.toList();
		List<Money> wonYear = rows.stream()
			.filter(r -> r.wonYear().signum() != 0)
			.map(r -> new Money(r.currency(), r.wonYear()))
			.toList();
		List<Money> wonLifetime = rows.stream()
			.filter(r -> r.wonCount() > 0)
			.map(r -> new Money(r.currency(), r.wonLifetime()))
			.toList();
		return new Summary(open, openCount, openTotals, wonYear, wonLifetime, wonCount, bought, partner);
	}

}
