package org.opencrm.sales.crosssell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.opencrm.sales.SalesRows;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Cross-sell on a hand-made market of products A–E (unique to this test, so other tests'
 * deals don't change their figures): what six customers bought, and what that suggests to
 * two others.
 */
@SpringBootTest
class CrossSellServiceTest {

	static final Instant WON = Instant.parse("2030-10-01T10:00:00Z");

	@Autowired
	CrossSellService crossSell;

	@Autowired
	ProductAffinity affinity;

	@Autowired
	JdbcClient jdbc;

	SalesRows rows;

	SalesRows.Stages stages;

	long owner;

	@Test
	void suggestsWhatCustomersWhoBoughtTheSameAlsoBoughtWithTheReason() {
		rows = new SalesRows(jdbc);
		stages = rows.pipeline();
		owner = rows.user("SALES_REP", null);
		long a = rows.product("A", BigDecimal.TEN, null);
		long b = rows.product("B", BigDecimal.TEN, null);
		long c = rows.product("C", BigDecimal.TEN, null);
		long d = rows.product("D", BigDecimal.TEN, null);
		long e = rows.product("E", BigDecimal.TEN, null);
		jdbc.sql("update products set active = false where id = ?").param(e).update();

		// c1: A B · c2: A B · c3: A C · c4: A B C · c5: C D E · c6: C D E; c1 also lost a
		// deal for D.
		long c1 = customer();
		won(c1, a, b);
		lost(c1, d);
		won(customer(), a, b);
		won(customer(), a, c);
		won(customer(), a, b, c);
		won(customer(), c, d, e);
		won(customer(), c, d, e);
		long onlyA = customer();
		won(onlyA, a);
		long onlyC = customer();
		won(onlyC, c);

		affinity.refresh();

		// A's buyers: c1–c4 and onlyA = 5. With B: c1, c2, c4 = 3; with C: c3, c4 = 2;
		// with D: none.
		assertThat(crossSell.forAccount(onlyA, 10))
			.extracting(CrossSellSuggestion::productId, CrossSellSuggestion::reasonProductId,
					CrossSellSuggestion::customersWithBoth, CrossSellSuggestion::customersWithReason)
			.containsExactly(tuple(b, a, 3, 5), tuple(c, a, 2, 5));
		// C's buyers: c3–c6 and onlyC = 5. With A: 2 (c3, c4); with D: 2 (c5, c6) — a
		// tie, lower id first;
		// with B: 1 (too few); with E: 2 but E is no longer sold.
		assertThat(crossSell.forAccount(onlyC, 10))
			.extracting(CrossSellSuggestion::productId, CrossSellSuggestion::customersWithBoth,
					CrossSellSuggestion::customersWithReason)
			.containsExactly(tuple(a, 2, 5), tuple(d, 2, 5));
		assertThat(crossSell.forAccount(onlyC, 1)).hasSize(1);
		assertThat(crossSell.forAccount(onlyA, 10).get(0).percent()).isEqualTo(60);
		// A customer who bought nothing gets nothing.
		assertThat(crossSell.forAccount(customer(), 10)).isEmpty();
	}

	private long customer() {
		return rows.account();
	}

	private void won(long account, long... products) {
		long deal = rows.deal(stages, owner, account).won(WON).insert();
		for (long p : products) {
			rows.lineItem(deal, p, "1", "10");
		}
	}

	private void lost(long account, long... products) {
		long deal = rows.deal(stages, owner, account).lost(WON, "Price").insert();
		for (long p : products) {
			rows.lineItem(deal, p, "1", "10");
		}
	}

}
