package org.opencrm.sales.customer;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.opencrm.core.port.PurchaseHistory;
import org.opencrm.core.shared.Rows;
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
		SqlWhere where = Scopes.restrict(new SqlWhere().and("o.account_id = :customer", "customer", accountId),
				visibility, "o.owner_id");
		SqlWhere rollUp = Scopes.restrict(new SqlWhere().and("r.account_id = :customer", "customer", accountId),
				visibility, "r.owner_id");
		// The totals from account_deal_totals (kept by triggers on opportunities,
		// V202612071302), whose won deals are per UTC year: this year's are corrected by
		// the deals won between the reader's new year and the UTC one (a few hours).
		String totals = """
				select currency, sum(open_count)::bigint as open_count, sum(open_amount) as open_amount,
				       sum(won_count)::bigint as won_count, sum(won_year) as won_year, sum(won_lifetime) as won_lifetime
				from (
				  select r.currency,
				         coalesce(sum(r.deals) filter (where r.status = 'OPEN'), 0) as open_count,
				         coalesce(sum(r.amount) filter (where r.status = 'OPEN'), 0) as open_amount,
				         coalesce(sum(r.deals) filter (where r.status = 'WON'), 0) as won_count,
				         coalesce(sum(r.amount) filter (where r.status = 'WON' and r.won_year >= :year), 0) as won_year,
				         coalesce(sum(r.amount) filter (where r.status = 'WON'), 0) as won_lifetime
				  from account_deal_totals r %s
				  group by r.currency
				  union all
				  select o.currency, 0, 0, 0, sum(case when o.closed_at < :utcNewYear then o.amount else -o.amount end), 0
				  from opportunities o %s and o.status = 'WON' and o.closed_at >= :windowFrom and o.closed_at < :windowTo
				  group by o.currency
				) x
				group by currency
				"""
			.formatted(rollUp.sql(), where.sql());
		LocalDate yearStart = yearStart(zone);
		Instant local = yearStart.atStartOfDay(zone).toInstant();
		Instant utc = yearStart.atStartOfDay(ZoneOffset.UTC).toInstant();
		JdbcClient.StatementSpec statement = rollUp
			.bind(where.bind(jdbc.sql(sql(totals, "(select partner_type from partners where account_id = :customer)"))))
			.param("year", yearStart.getYear())
			.param("utcNewYear", Timestamp.from(utc))
			.param("windowFrom", Timestamp.from(local.isBefore(utc) ? local : utc))
			.param("windowTo", Timestamp.from(local.isBefore(utc) ? utc : local));
		return summary(where, statement, purchases.forAccount(accountId, PURCHASES_SHOWN));
	}

	/** The deals whose primary contact the person is. */
	@Transactional(readOnly = true)
	public Summary forContact(long contactId, Visibility visibility, ZoneId zone) {
		SqlWhere where = Scopes.restrict(new SqlWhere().and("o.primary_contact_id = :customer", "customer", contactId),
				visibility, "o.owner_id");
		String totals = """
				select o.currency,
				       count(*) filter (where o.status = 'OPEN') as open_count,
				       coalesce(sum(o.amount) filter (where o.status = 'OPEN'), 0) as open_amount,
				       count(*) filter (where o.status = 'WON') as won_count,
				       coalesce(sum(o.amount) filter (where o.status = 'WON' and %s >= :yearStart), 0) as won_year,
				       coalesce(sum(o.amount) filter (where o.status = 'WON'), 0) as won_lifetime
				from opportunities o %s
				group by o.currency
				""".formatted(WON_ON, where.sql());
		return summary(where,
				where.bind(jdbc.sql(sql(totals, "null::text")))
					.param("zone", zone.getId())
					.param("yearStart", Date.valueOf(yearStart(zone))),
				purchases.forContact(contactId, PURCHASES_SHOWN));
	}

	private LocalDate yearStart(ZoneId zone) {
		return LocalDate.now(clock.withZone(zone)).withDayOfYear(1);
	}

	/**
	 * The totals per currency ({@code totals}: currency, open_count, open_amount,
	 * won_count, won_year, won_lifetime) with the customer's partner type: one row per
	 * currency, or one row of nulls without deals, so the partner type comes along either
	 * way (one statement).
	 */
	private static String sql(String totals, String partnerType) {
		return """
				select p.partner_type, t.currency, coalesce(t.open_count, 0) as open_count,
				       coalesce(t.open_amount, 0) as open_amount, coalesce(t.won_count, 0) as won_count,
				       coalesce(t.won_year, 0) as won_year, coalesce(t.won_lifetime, 0) as won_lifetime
				from (select %s as partner_type) p
				left join lateral (%s) t on true
				order by t.currency
				""".formatted(partnerType, totals);
	}

	private record Row(String partnerType, String currency, long openCount, BigDecimal openAmount, long wonCount,
			BigDecimal wonYear, BigDecimal wonLifetime) {
	}

	/**
	 * @param where the customer's deals the reader may see
	 * @param totals the statement of their totals ({@link #sql})
	 */
	private Summary summary(SqlWhere where, JdbcClient.StatementSpec totals, List<PurchaseHistory.Purchase> bought) {
		List<OpenDeal> open = where.bind(jdbc.sql("""
				select o.id, o.name, s.name as stage_name, s.probability, o.amount, o.currency, o.close_date,
				       u.full_name as owner_name
				from opportunities o
				join pipeline_stages s on s.id = o.stage_id
				left join users u on u.id = o.owner_id
				%s and o.status = 'OPEN'
				order by o.close_date, o.id limit :limit
				""".formatted(where.sql()))).param("limit", OPEN_SHOWN).query(Rows.of(OpenDeal.class)).list();
		List<Row> all = totals.query(Rows.of(Row.class)).list();
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
