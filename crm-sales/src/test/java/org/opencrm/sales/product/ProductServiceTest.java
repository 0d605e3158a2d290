package org.opencrm.sales.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.StaleEditException;
import org.opencrm.sales.SalesRows;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest
class ProductServiceTest {

	@Autowired
	ProductService products;

	@Autowired
	JdbcClient jdbc;

	private static ProductCommand product(String name, String sku, String price) {
		return new ProductCommand(name, sku, null, new BigDecimal(price), "eur", null, 0);
	}

	@Test
	void aProductIsCreatedEditedAndDeactivated() {
		String u = SalesRows.unique();
		long id = products.create(product(" Toner " + u, "TN-" + u, "29.90"));

		ProductRow created = products.get(id);
		assertThat(created.name()).isEqualTo("Toner " + u);
		assertThat(created.currency()).isEqualTo("EUR");
		assertThat(created.active()).isTrue();

		products.update(id,
				new ProductCommand("Toner XL " + u, "TN-" + u, "Bigger", new BigDecimal("39.90"), "EUR", 60, 0));
		ProductRow edited = products.get(id);
		assertThat(edited.unitPrice()).isEqualByComparingTo("39.90");
		assertThat(edited.repurchaseIntervalDays()).isEqualTo(60);
		assertThat(edited.version()).isEqualTo(1);

		products.setActive(id, false, 1);
		assertThat(products.get(id).active()).isFalse();
		assertThat(jdbc.sql("select count(*) from audit_log where entity_type = 'product' and entity_id = ?")
			.param(id)
			.query(Long.class)
			.single()).isGreaterThanOrEqualTo(3);
	}

	@Test
	void aDuplicateSkuANegativePriceOrAStaleEditIsRefusedAndNothingChanges() {
		String u = SalesRows.unique();
		long id = products.create(product("Paper " + u, "PA-" + u, "5"));

		assertThatThrownBy(() -> products.create(product("Other " + u, "pa-" + u, "5")))
			.isInstanceOf(RuleViolationException.class)
			.hasFieldOrPropertyWithValue("code", "product.sku.taken");
		assertThatThrownBy(() -> products.create(product("Negative " + u, "NE-" + u, "-1")))
			.isInstanceOf(RuleViolationException.class)
			.hasFieldOrPropertyWithValue("code", "product.price.negative");
		products.update(id, product("Paper " + u, "PA-" + u, "6"));
		assertThatThrownBy(() -> products.update(id, product("Stale " + u, "PA-" + u, "7")))
			.isInstanceOf(StaleEditException.class);

		assertThat(
				jdbc.sql("select count(*) from products where name like ?").param("%" + u).query(Long.class).single())
			.isOne();
		assertThat(products.get(id).unitPrice()).isEqualByComparingTo("6");
	}

	@Test
	void anEditToAnotherProductsSkuIsRefusedAsTakenAndNothingChanges() {
		String u = SalesRows.unique();
		long first = products.create(product("Ink " + u, "IN-" + u, "5"));
		long second = products.create(product("Pen " + u, "PE-" + u, "2"));

		assertThatThrownBy(() -> products.update(second, product("Pen " + u, "IN-" + u, "3")))
			.isInstanceOf(RuleViolationException.class)
			.hasFieldOrPropertyWithValue("code", "product.sku.taken");
		assertThat(products.get(second).unitPrice()).isEqualByComparingTo("2");
		assertThat(products.get(first).sku()).isEqualTo("IN-" + u);
	}

	@Test
	void productsAreListedByNameAndPagedByKeyset() {
		String u = SalesRows.unique();
		for (String n : new String[] { "zz" + u + " C", "zz" + u + " A", "zz" + u + " B" }) {
			products.create(product(n, n.replace(" ", "-"), "1"));
		}
		var page = products.list(false, null, 1000);
		var mine = page.items().stream().filter(p -> p.name().contains(u)).map(ProductRow::name).toList();
		assertThat(mine).containsExactly("zz" + u + " A", "zz" + u + " B", "zz" + u + " C");

		var first = products.list(false, null, 1);
		var second = products.list(false, first.nextCursor(), 1);
		assertThat(second.items()).doesNotContainAnyElementsOf(first.items());
		assertThat(second.hasPrevious()).isTrue();
	}

	@Test
	void aCurrencyThatIsNoIsoCodeIsRefusedOnItsFieldAndNothingIsWritten() {
		String u = SalesRows.unique();
		assertThatThrownBy(() -> products
			.create(new ProductCommand("Gold " + u, "GO-" + u, null, new BigDecimal("1"), "XYZ", null, 0)))
			.isInstanceOfSatisfying(RuleViolationException.class, ex -> {
				assertThat(ex.code()).isEqualTo("money.currency.invalid");
				assertThat(ex.field()).isEqualTo("currency");
			});
		assertThat(jdbc.sql("select count(*) from products where sku = ?").param("GO-" + u).query(Long.class).single())
			.isZero();
	}

	@Test
	void aPriceWithMoreDecimalsThanItsCurrencyHasIsRefusedAndNothingIsWritten() {
		String u = SalesRows.unique();
		// Yen have no minor unit: the price is Money, whose rule refuses 0.5 yen.
		assertThatThrownBy(() -> products
			.create(new ProductCommand("Tea " + u, "TE-" + u, null, new BigDecimal("120.5"), "jpy", null, 0)))
			.isInstanceOfSatisfying(RuleViolationException.class,
					ex -> assertThat(ex.code()).isEqualTo("money.amount.scale"));
		assertThat(jdbc.sql("select count(*) from products where sku = ?").param("TE-" + u).query(Long.class).single())
			.isZero();
		products.create(new ProductCommand("Tea " + u, "TE-" + u, null, new BigDecimal("120"), "jpy", null, 0));
		assertThat(
				jdbc.sql("select currency from products where sku = ?").param("TE-" + u).query(String.class).single())
			.isEqualTo("JPY");
	}

}
