package org.opencrm.sales.purchase;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.opencrm.core.port.PurchaseHistory;
import org.opencrm.core.port.PurchaseHistory.Purchase;
import org.opencrm.sales.SalesRows;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest
class PurchaseHistoryQueryTest {

	@Autowired
	PurchaseHistory history;

	@Autowired
	PurchaseHistoryQuery query;

	@Autowired
	JdbcClient jdbc;

	@Test
	void anAccountBoughtTheLineItemsOfItsWonDealsNewestFirstAndAContactThoseOfTheDealsTheyLed() {
		var rows = new SalesRows(jdbc);
		long owner = rows.user("SALES_REP", null);
		long account = rows.account();
		long buyer = rows.contact(account);
		var stages = rows.pipeline();
		long toner = rows.product("Toner", new BigDecimal("30"), 30);
		long printer = rows.product("Printer", new BigDecimal("900"), null);
		long october = rows.deal(stages, owner, account)
			.contact(buyer)
			.won(Instant.parse("2030-10-01T10:00:00Z"))
			.insert();
		long tonerLine = rows.lineItem(october, toner, "2", "30");
		long printerLine = rows.lineItem(october, printer, "1", "900");
		long november = rows.deal(stages, owner, account).won(Instant.parse("2030-11-01T10:00:00Z")).insert();
		long moreToner = rows.lineItem(november, toner, "10", "28.50");
		rows.lineItem(rows.deal(stages, owner, account).contact(buyer).insert(), printer, "3", "900");
		rows.lineItem(rows.deal(stages, owner, account).lost(Instant.parse("2030-11-02T10:00:00Z"), "Price").insert(),
				printer, "5", "900");

		assertThat(history.forAccount(account, 10)).extracting(Purchase::opportunityId, Purchase::productId)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(november, toner),
					org.assertj.core.groups.Tuple.tuple(october, printer),
					org.assertj.core.groups.Tuple.tuple(october, toner));
		Purchase latest = history.forAccount(account, 1).get(0);
		assertThat(latest.productName()).isEqualTo("Toner");
		assertThat(latest.quantity()).isEqualByComparingTo("10");
		assertThat(latest.lineTotal()).isEqualByComparingTo("285.00");
		assertThat(latest.currency()).isEqualTo("EUR");
		assertThat(latest.purchasedOn()).isEqualTo(LocalDate.parse("2030-11-01"));

		assertThat(history.forContact(buyer, 10)).extracting(Purchase::opportunityId).containsOnly(october).hasSize(2);

		var first = query.page(PurchaseHistoryQuery.Customer.account(account), null, 2);
		assertThat(first.items()).extracting(PurchaseRow::lineItemId).containsExactly(moreToner, printerLine);
		var second = query.page(PurchaseHistoryQuery.Customer.account(account), first.nextCursor(), 2);
		assertThat(second.items()).extracting(PurchaseRow::lineItemId).containsExactly(tonerLine);
		assertThat(second.hasNext()).isFalse();
		var back = query.page(PurchaseHistoryQuery.Customer.account(account), second.previousCursor(), 2);
		assertThat(back.items()).extracting(PurchaseRow::lineItemId).containsExactly(moreToner, printerLine);
	}

}
