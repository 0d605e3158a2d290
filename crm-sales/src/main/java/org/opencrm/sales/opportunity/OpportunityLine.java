package org.opencrm.sales.opportunity;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A product on a deal, part of the {@link Opportunity} aggregate: written only with it.
 * The table computes the same line total as {@link #total()} (a generated column the deal
 * page reads).
 */
@Entity
@Table(name = "opportunity_line_items")
class OpportunityLine {

	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private long productId;

	private int position;

	private BigDecimal quantity;

	private BigDecimal unitPrice;

	private BigDecimal discountPercent;

	protected OpportunityLine() {
	}

	/** Amounts at the columns' two decimals, as the table would store them. */
	OpportunityLine(long productId, int position, BigDecimal quantity, BigDecimal unitPrice,
			BigDecimal discountPercent) {
		this.productId = productId;
		this.position = position;
		this.quantity = quantity.setScale(2, RoundingMode.HALF_UP);
		this.unitPrice = unitPrice.setScale(2, RoundingMode.HALF_UP);
		this.discountPercent = discountPercent.setScale(2, RoundingMode.HALF_UP);
	}

	/** quantity × price × (1 − discount %), rounded to cents: the table's line_total. */
	BigDecimal total() {
		return quantity.multiply(unitPrice)
			.multiply(BigDecimal.ONE.subtract(discountPercent.divide(HUNDRED)))
			.setScale(2, RoundingMode.HALF_UP);
	}

}
