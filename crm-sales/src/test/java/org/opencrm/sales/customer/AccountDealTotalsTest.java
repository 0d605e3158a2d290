package org.opencrm.sales.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.opencrm.core.port.PurchaseHistory;
import org.opencrm.core.port.RecordMerge;
import org.opencrm.core.user.Visibility;
import org.opencrm.sales.SalesRows;
import org.opencrm.test.RollUpCheck;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An account's deal totals on its page come from {@code account_deal_totals} (kept by
 * triggers on opportunities): the roll-up always equals adding up the account's open and
 * won deals — after deals are inserted, change owner, amount, currency, status and close
 * time (across a new year), move to another account (a merge), are deleted and written in
 * bulk — and the page's figures equal summing the deals themselves, "won this year" in
 * zones on and off the UTC day (UTC, Kathmandu, New York) for deals won around the new
 * year, as a rep, a manager and an admin see them.
 */
@SpringBootTest
class AccountDealTotalsTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PurchaseHistory purchases;

	@Autowired
	List<RecordMerge> merges;

	@Autowired
	PlatformTransactionManager transactions;

	record Totals(long accountId, long ownerId, String currency, String status, int wonYear, long deals,
			BigDecimal amount) {
	}

	/**
	 * The roll-up's rows of the test's accounts, and the same figures from their deals.
	 */
	RollUpCheck<Totals> totals() {
		return RollUpCheck.of(jdbc, "account_deal_totals", Totals.class, """
				select account_id, owner_id, currency::varchar(3) as currency, status, won_year, deals,
				       amount::numeric(20, 2) as amount
				from account_deal_totals where account_id = any(:accounts) order by 1, 2, 3, 4, 5
				""",
				"""
						select account_id, owner_id, currency::varchar(3) as currency, status,
						       case when status = 'WON' then extract(year from coalesce((closed_at at time zone 'UTC')::date, close_date))::int
						            else 0 end as won_year,
						       count(*) as deals, sum(amount)::numeric(20, 2) as amount
						from opportunities where account_id = any(:accounts) and status in ('OPEN', 'WON')
						group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5
						""");
	}

	List<Totals> rollUp(List<Long> accounts) {
		return totals().rollUp(of(accounts));
	}

	void assertRollUpIsLive(List<Long> accounts) {
		totals().assertLive(of(accounts));
	}

	private static Map<String, Long[]> of(List<Long> accounts) {
		return Map.of("accounts", accounts.toArray(Long[]::new));
	}

	@Test
	void theRollUpEqualsTheDealsAfterEveryKindOfWrite() {
		SalesRows rows = new SalesRows(jdbc);
		long ada = rows.user("SALES_REP", rows.team());
		long ben = rows.user("SALES_REP", rows.team());
		var stages = rows.pipeline();
		long account = rows.account();
		long other = rows.account();
		List<Long> accounts = List.of(account, other);
		long a = rows.deal(stages, ada, account).amount("1200").insert();
		long b = rows.deal(stages, ada, account).amount("300").currency("USD").insert();
		long c = rows.deal(stages, ben, account).won(Instant.parse("2031-12-31T23:30:00Z")).insert();
		long d = rows.deal(stages, ben, other).lost(Instant.parse("2031-06-01T10:00:00Z"), "Price").insert();
		assertRollUpIsLive(accounts);

		// Owner, amount, currency; an edit that changes nothing counted.
		jdbc.sql("update opportunities set owner_id = ? where id = ?").params(ben, a).update();
		jdbc.sql("update opportunities set amount = 999.99, currency = 'EUR' where id = ?").param(b).update();
		jdbc.sql("update opportunities set name = name || ' (edited)', stage_id = ? where id in (?, ?)")
			.params(stages.negotiate(), a, b)
			.update();
		assertRollUpIsLive(accounts);
		// Won, won again half an hour later (into the next UTC year), lost, reopened.
		jdbc.sql("update opportunities set status = 'WON', stage_id = ?, closed_at = ? where id = ?")
			.params(stages.won(), java.sql.Timestamp.from(Instant.parse("2032-01-01T00:15:00Z")), a)
			.update();
		jdbc.sql("update opportunities set closed_at = closed_at + interval '30 minutes' where id = ?")
			.param(c)
			.update();
		jdbc.sql("update opportunities set status = 'LOST', stage_id = ?, closed_at = now() where id = ?")
			.params(stages.lost(), b)
			.update();
		jdbc.sql("update opportunities set status = 'OPEN', stage_id = ?, closed_at = null where id = ?")
			.params(stages.propose(), d)
			.update();
		assertRollUpIsLive(accounts);

		// Deals written in bulk, then an account merge moves them all (an update), then
		// deletes.
		jdbc.sql(
				"""
						insert into opportunities (name, account_id, pipeline_id, stage_id, status, amount, currency, owner_id,
						                           forecast_category, close_date, closed_at)
						select 'Bulk ' || g, ?, ?, ?, case when g % 3 = 0 then 'OPEN' when g % 3 = 1 then 'WON' else 'LOST' end,
						       100 + g, case when g % 4 = 0 then 'USD' else 'EUR' end, case when g % 2 = 0 then ? else ? end,
						       'PIPELINE', date '2031-12-20' + g,
						       case when g % 3 <> 0 and g % 5 <> 0 then timestamptz '2031-12-31 20:00Z' + g * interval '17 minutes' end
						from generate_series(1, 60) g
						""")
			.params(other, stages.pipeline(), stages.qualify(), ada, ben)
			.update();
		assertRollUpIsLive(accounts);
		// As the merge tool does: every module moves its rows in one transaction.
		new TransactionTemplate(transactions)
			.executeWithoutResult(tx -> merges.forEach(merge -> merge.moveAccount(account, other)));
		assertThat(rollUp(List.of(account))).as("a merged account leaves no rows").isEmpty();
		assertRollUpIsLive(accounts);
		jdbc.sql("delete from opportunities where id = ?").param(c).update();
		assertRollUpIsLive(accounts);
		jdbc.sql("delete from opportunities where account_id = ?").param(other).update();
		assertThat(rollUp(accounts)).isEmpty();
	}

	@Test
	void thePagesFiguresEqualSummingTheDealsInEveryZone() {
		SalesRows rows = new SalesRows(jdbc);
		long team = rows.team();
		long ada = rows.user("SALES_REP", team);
		long ben = rows.user("SALES_REP", team);
		long outsider = rows.user("SALES_REP", rows.team());
		var stages = rows.pipeline();
		long account = rows.account();
		Random random = new Random(7);
		Instant newYear = Instant.parse("2035-01-01T00:00:00Z");
		for (int i = 0; i < 250; i++) {
			long owner = new long[] { ada, ben, outsider }[random.nextInt(3)];
			SalesRows.Deal deal = rows.deal(stages, owner, account)
				.amount(String.valueOf(100 + random.nextInt(5000)) + ".25")
				.currency(random.nextInt(4) == 0 ? "USD" : "EUR");
			// Every quarter hour within a day of the new year, so some close between the
			// local and the UTC midnight.
			Instant closed = newYear.plus(random.nextInt(2 * 96) * 15L - 96 * 15L, ChronoUnit.MINUTES);
			switch (random.nextInt(3)) {
				case 0 -> deal.won(closed);
				case 1 -> deal.lost(closed, "Price");
				default -> deal.open(stages.propose(), "COMMIT");
			}
			deal.insert();
		}
		// A win without a close time counts on its close date.
		rows.deal(stages, ada, account).won(newYear).closing(LocalDate.of(2034, 12, 31)).insert();
		jdbc.sql("update opportunities set closed_at = null where account_id = ? and close_date = date '2034-12-31'"
				+ " and closed_at = ?")
			.params(account, java.sql.Timestamp.from(newYear))
			.update();
		List<Visibility> readers = List.of(new Visibility(Visibility.Scope.OWN, ada, team),
				new Visibility(Visibility.Scope.TEAM, ben, team), Visibility.all());
		int compared = 0;
		for (ZoneId zone : List.of(ZoneId.of("UTC"), ZoneId.of("Asia/Kathmandu"), ZoneId.of("America/New_York"))) {
			SalesCustomerSummary summary = new SalesCustomerSummary(jdbc, purchases,
					Clock.fixed(newYear.plus(30, ChronoUnit.DAYS), zone));
			for (Visibility reader : readers) {
				SalesCustomerSummary.Summary shown = summary.forAccount(account, reader, zone);
				Figures expected = summed(account, reader, zone);
				assertThat(new Figures(shown.openCount(), shown.openTotals(), shown.wonCount(), shown.wonThisYear(),
						shown.wonLifetime()))
					.as("%s %s", zone, reader.scope())
					.isEqualTo(expected);
				assertThat(expected.wonThisYear()).as("%s %s", zone, reader.scope()).isNotEmpty();
				compared++;
			}
		}
		assertThat(compared).isEqualTo(9);
	}

	record Figures(long openCount, List<SalesCustomerSummary.Money> openTotals, long wonCount,
			List<SalesCustomerSummary.Money> wonThisYear, List<SalesCustomerSummary.Money> wonLifetime) {
	}

	/** The figures as the page summed the deals before the roll-up. */
	private Figures summed(long account, Visibility reader, ZoneId zone) {
		String owners = switch (reader.scope()) {
			case ALL -> "true";
			case OWN -> "o.owner_id = " + reader.userId();
			case TEAM -> "(o.owner_id = " + reader.userId() + " or o.owner_id in (select id from users where team_id = "
					+ reader.teamId() + "))";
		};
		record Row(String currency, long openCount, BigDecimal openAmount, long wonCount, BigDecimal wonYear,
				BigDecimal wonLifetime) {
		}
		List<Row> rows = jdbc
			.sql("""
					select o.currency,
					       count(*) filter (where o.status = 'OPEN') as open_count,
					       coalesce(sum(o.amount) filter (where o.status = 'OPEN'), 0) as open_amount,
					       count(*) filter (where o.status = 'WON') as won_count,
					       coalesce(sum(o.amount) filter (where o.status = 'WON'
					         and coalesce((o.closed_at at time zone :zone)::date, o.close_date) >= :yearStart), 0) as won_year,
					       coalesce(sum(o.amount) filter (where o.status = 'WON'), 0) as won_lifetime
					from opportunities o where o.account_id = :account and %s
					group by o.currency order by o.currency
					"""
				.formatted(owners))
			.param("zone", zone.getId())
			.param("yearStart", Date.valueOf(LocalDate.of(2035, 1, 1)))
			.param("account", account)
			.query(Row.class)
			.list();
		return new Figures(rows.stream().mapToLong(Row::openCount).sum(),
				rows.stream()
					.filter(r -> r.openCount() > 0)
					.map(r -> new SalesCustomerSummary.Money(r.currency(), r.openAmount()))
					.toList(),
				rows.stream().mapToLong(Row::wonCount).sum(),
				rows.stream()
					.filter(r -> r.wonYear().signum() != 0)
					.map(r -> new SalesCustomerSummary.Money(r.currency(), r.wonYear()))
					.toList(),
				rows.stream()
					.filter(r -> r.wonCount() > 0)
					.map(r -> new SalesCustomerSummary.Money(r.currency(), r.wonLifetime()))
					.toList());
	}

}
