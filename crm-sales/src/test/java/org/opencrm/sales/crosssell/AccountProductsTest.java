package org.opencrm.sales.crosssell;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.core.port.RecordMerge;
import org.opencrm.sales.SalesRows;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Cross-sell reads what a customer bought from {@code account_products} (kept by triggers
 * on opportunities and opportunity_line_items): the roll-up always equals counting the
 * line items of the accounts' won deals — after line items are added, moved to another
 * product or deal and removed, deals are won, lost, reopened, moved to another account (a
 * merge) and deleted with their line items, singly and in bulk.
 */
@SpringBootTest
class AccountProductsTest {

	static final Instant WON = Instant.parse("2031-03-01T10:00:00Z");

	@Autowired
	JdbcClient jdbc;

	@Autowired
	List<RecordMerge> merges;

	@Autowired
	PlatformTransactionManager transactions;

	record Bought(long accountId, long productId, long lines) {
	}

	List<Bought> rollUp(List<Long> accounts) {
		return jdbc.sql("""
				select account_id, product_id, lines from account_products
				where account_id = any(:accounts) order by 1, 2
				""").param("accounts", accounts.toArray(Long[]::new)).query(Bought.class).list();
	}

	List<Bought> live(List<Long> accounts) {
		return jdbc.sql("""
				select o.account_id, l.product_id, count(*) as lines
				from opportunities o join opportunity_line_items l on l.opportunity_id = o.id
				where o.account_id = any(:accounts) and o.status = 'WON'
				group by 1, 2 order by 1, 2
				""").param("accounts", accounts.toArray(Long[]::new)).query(Bought.class).list();
	}

	void assertRollUpIsLive(List<Long> accounts) {
		assertThat(rollUp(accounts)).isEqualTo(live(accounts));
	}

	@Test
	void theRollUpEqualsTheWonDealsLineItemsAfterEveryKindOfWrite() {
		SalesRows rows = new SalesRows(jdbc);
		var stages = rows.pipeline();
		long rep = rows.user("SALES_REP", rows.team());
		long a = rows.product("A", BigDecimal.TEN, null);
		long b = rows.product("B", BigDecimal.TEN, null);
		long c = rows.product("C", BigDecimal.TEN, null);
		long account = rows.account();
		long other = rows.account();
		List<Long> accounts = List.of(account, other);

		long won = rows.deal(stages, rep, account).won(WON).insert();
		long open = rows.deal(stages, rep, account).insert();
		long lost = rows.deal(stages, rep, other).lost(WON, "Price").insert();
		rows.lineItem(won, a, "1", "10");
		long wonB = rows.lineItem(won, b, "2", "10");
		rows.lineItem(won, b, "1", "10");
		rows.lineItem(open, c, "1", "10");
		rows.lineItem(lost, a, "1", "10");
		assertThat(rollUp(accounts)).as("only the won deal's lines")
			.containsExactly(new Bought(account, a, 1), new Bought(account, b, 2));
		assertRollUpIsLive(accounts);

		// A line moved to another product, then to another (open) deal; then removed.
		jdbc.sql("update opportunity_line_items set product_id = ? where id = ?").params(c, wonB).update();
		assertRollUpIsLive(accounts);
		jdbc.sql("update opportunity_line_items set opportunity_id = ? where id = ?").params(open, wonB).update();
		assertRollUpIsLive(accounts);
		jdbc.sql("update opportunity_line_items set quantity = 5 where opportunity_id = ?").param(won).update();
		assertRollUpIsLive(accounts);
		jdbc.sql("delete from opportunity_line_items where id = ?").param(wonB).update();
		assertRollUpIsLive(accounts);

		// Won, lost, reopened, won again; a stage or name change counts nothing.
		jdbc.sql("update opportunities set status = 'WON', stage_id = ?, closed_at = now() where id = ?")
			.params(stages.won(), open)
			.update();
		assertRollUpIsLive(accounts);
		jdbc.sql("update opportunities set status = 'LOST', stage_id = ?, closed_at = now() where id = ?")
			.params(stages.lost(), won)
			.update();
		assertRollUpIsLive(accounts);
		jdbc.sql("update opportunities set status = 'OPEN', stage_id = ?, closed_at = null where id = ?")
			.params(stages.propose(), won)
			.update();
		jdbc.sql("update opportunities set status = 'WON', stage_id = ?, closed_at = now() where id in (?, ?)")
			.params(stages.won(), won, lost)
			.update();
		jdbc.sql("update opportunities set name = name || ' (edited)' where account_id = any(?)")
			.param(accounts.toArray(Long[]::new))
			.update();
		assertRollUpIsLive(accounts);

		// Bulk: 40 deals with two lines each in two statements; half of them won.
		jdbc.sql(
				"""
						insert into opportunities (name, account_id, pipeline_id, stage_id, status, amount, currency, owner_id,
						                           forecast_category, close_date, closed_at)
						select 'Bulk ' || g, ?, ?, case when g % 2 = 0 then ? else ? end, case when g % 2 = 0 then 'WON' else 'OPEN' end,
						       100, 'EUR', ?, 'PIPELINE', date '2031-03-01',
						       case when g % 2 = 0 then timestamptz '2031-03-01 12:00Z' end
						from generate_series(1, 40) g
						""")
			.params(other, stages.pipeline(), stages.won(), stages.qualify(), rep)
			.update();
		jdbc.sql("""
				insert into opportunity_line_items (opportunity_id, product_id, position, quantity, unit_price)
				select o.id, p.id, p.n, 1, 10
				from opportunities o cross join (values (1, ?::bigint), (2, ?::bigint)) p (n, id)
				where o.account_id = ? and o.name like 'Bulk %'
				""").params(a, c, other).update();
		assertRollUpIsLive(accounts);

		// As the merge tool does: every module moves its rows in one transaction.
		new TransactionTemplate(transactions)
			.executeWithoutResult(tx -> merges.forEach(merge -> merge.moveAccount(account, other)));
		assertThat(rollUp(List.of(account))).as("a merged account leaves no rows").isEmpty();
		assertRollUpIsLive(accounts);

		// Deleted with their line items (cascade), one and then many.
		jdbc.sql("delete from opportunities where id = ?").param(won).update();
		assertRollUpIsLive(accounts);
		assertThat(rollUp(accounts)).as("the test still has purchases").isNotEmpty();
		jdbc.sql("delete from opportunity_line_items where opportunity_id in"
				+ " (select id from opportunities where account_id = ? and name like 'Bulk 1%')")
			.param(other)
			.update();
		assertRollUpIsLive(accounts);
		jdbc.sql("delete from opportunities where account_id = ?").param(other).update();
		assertThat(rollUp(accounts)).isEmpty();
	}

}
