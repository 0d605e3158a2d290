package org.opencrm.web.sales.product;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import org.opencrm.core.shared.ValidCurrency;
import org.opencrm.sales.product.ProductCommand;
import org.opencrm.sales.product.ProductRow;
import org.opencrm.web.system.Forms;

/**
 * The product form as typed (a mutable bean, so a value that fails conversion comes back
 * with its message).
 */
class ProductForm implements java.io.Serializable {

	@NotBlank
	@Size(max = 200)
	private String name;

	@NotBlank
	@Size(max = 60)
	@Pattern(regexp = "^[A-Za-z0-9._/-]*$")
	private String sku;

	@Size(max = 2000)
	private String description;

	@NotNull
	@DecimalMin("0.00")
	@Digits(integer = 12, fraction = 2)
	private BigDecimal unitPrice;

	@NotBlank
	@ValidCurrency
	private String currency = "EUR";

	@Min(1)
	@Max(3650)
	private Integer repurchaseIntervalDays;

	private long version;

	static ProductForm of(ProductRow p) {
		ProductForm f = new ProductForm();
		f.name = p.name();
		f.sku = p.sku();
		f.description = p.description();
		f.unitPrice = p.unitPrice();
		f.currency = p.currency();
		f.repurchaseIntervalDays = p.repurchaseIntervalDays();
		f.version = p.version();
		return f;
	}

	ProductCommand toCommand() {
		return new ProductCommand(name.trim(), sku.trim(), Forms.trimmed(description), unitPrice, currency.trim(),
				repurchaseIntervalDays, version);
	}

	public String getName() {
		return name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public String getSku() {
		return sku;
	}

	public void setSku(String sku) {
		this.sku = sku;
	}

	public String getDescription() {
		return description;
	}

	public void setDescription(String description) {
		this.description = description;
	}

	public BigDecimal getUnitPrice() {
		return unitPrice;
	}

	public void setUnitPrice(BigDecimal unitPrice) {
		this.unitPrice = unitPrice;
	}

	public String getCurrency() {
		return currency;
	}

	public void setCurrency(String currency) {
		this.currency = currency;
	}

	public Integer getRepurchaseIntervalDays() {
		return repurchaseIntervalDays;
	}

	public void setRepurchaseIntervalDays(Integer repurchaseIntervalDays) {
		this.repurchaseIntervalDays = repurchaseIntervalDays;
	}

	public long getVersion() {
		return version;
	}

	public void setVersion(long version) {
		this.version = version;
	}

}
