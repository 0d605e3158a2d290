package org.opencrm.sales.product;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.opencrm.core.shared.BaseEntity;
import org.opencrm.core.shared.Money;
import org.opencrm.core.shared.RuleViolationException;

/**
 * A product of the catalogue. Its own rules (a price that isn't negative, a repurchase
 * interval that is positive) hold on every change; a unique SKU spans products and stays
 * with the service.
 */
@Entity
@Table(name = "products")
class Product extends BaseEntity {

	private String name;

	private String sku;

	private String description;

	/** Columns {@code unit_price}, {@code currency}. */
	@Embedded
	@AttributeOverride(name = "amount", column = @Column(name = "unit_price"))
	private Money unitPrice;

	private boolean active = true;

	private Integer repurchaseIntervalDays;

	protected Product() {
	}

	Product(ProductCommand cmd) {
		apply(cmd);
	}

	/**
	 * @throws RuleViolationException {@code product.price.negative},
	 * {@code product.repurchase.positive}, {@code money.currency.invalid}
	 */
	void apply(ProductCommand cmd) {
		if (cmd.unitPrice() == null || cmd.unitPrice().compareTo(BigDecimal.ZERO) < 0) {
			throw RuleViolationException.onField("unitPrice", "product.price.negative",
					"The unit price can’t be negative");
		}
		if (cmd.repurchaseIntervalDays() != null && cmd.repurchaseIntervalDays() <= 0) {
			throw RuleViolationException.onField("repurchaseIntervalDays", "product.repurchase.positive",
					"The repurchase interval must be positive");
		}
		// Money's rules: a known currency, no more decimals than it has.
		Money price = Money.nonNegative(cmd.unitPrice(), cmd.currency());
		this.name = cmd.name().trim();
		this.sku = skuOf(cmd);
		this.description = cmd.description();
		this.unitPrice = price;
		this.repurchaseIntervalDays = cmd.repurchaseIntervalDays();
	}

	/** Takes the product off sale (line items keep pointing at it) or back on. */
	void changeActive(boolean active) {
		this.active = active;
	}

	Map<String, String> snapshot() {
		Map<String, String> m = new LinkedHashMap<>();
		m.put("name", name);
		m.put("sku", sku);
		m.put("unitPrice", unitPrice.amount().stripTrailingZeros().toPlainString());
		m.put("currency", unitPrice.currency());
		m.put("repurchaseIntervalDays", repurchaseIntervalDays == null ? null : repurchaseIntervalDays.toString());
		m.put("active", String.valueOf(active));
		return m;
	}

	static String skuOf(ProductCommand cmd) {
		return cmd.sku().trim();
	}

}
