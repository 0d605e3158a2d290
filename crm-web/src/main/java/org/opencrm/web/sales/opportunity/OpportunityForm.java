package org.opencrm.web.sales.opportunity;

import org.opencrm.core.shared.ValidCurrency;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.opencrm.sales.opportunity.OpportunityCommand;
import org.opencrm.sales.opportunity.OpportunityCommand.ForecastCategory;
import org.opencrm.sales.opportunity.OpportunityCommand.LineItem;
import org.opencrm.sales.opportunity.OpportunityCommand.SalesChannel;
import org.opencrm.sales.opportunity.OpportunityDetails;
import org.opencrm.web.system.Forms;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * The deal form as typed, with up to {@link #LINE_ROWS} product lines (empty rows are
 * ignored).
 */
class OpportunityForm {

	static final int LINE_ROWS = 5;

	@NotBlank
	@Size(max = 200)
	private String name;

	/**
	 * The account chosen with the picker (its typed name comes as {@code accountIdText}
	 * and is resolved on save); required.
	 */
	@Positive
	private Long accountId;

	private Long primaryContactId;

	@NotNull
	private Long pipelineId;

	private Long stageId;

	@DecimalMin(value = "0", message = "{money.amount.negative}")
	private BigDecimal amount = BigDecimal.ZERO;

	@ValidCurrency
	private String currency = "EUR";

	@NotNull
	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
	private LocalDate closeDate;

	@NotNull
	private Long ownerId;

	private ForecastCategory forecastCategory = ForecastCategory.PIPELINE;

	@Size(max = 100)
	private String lostReason;

	@Size(max = 50)
	private String source;

	private SalesChannel salesChannel = SalesChannel.DIRECT;

	private Long partnerAccountId;

	@Valid
	private List<Line> lines = new ArrayList<>();

	private long version;

	public static class Line {

		private Long productId;

		@DecimalMin(value = "0", inclusive = false, message = "{opportunity.line.quantity.invalid}")
		private BigDecimal quantity;

		@DecimalMin(value = "0", message = "{money.amount.negative}")
		private BigDecimal unitPrice;

		@DecimalMin(value = "0", message = "{opportunity.line.discount.invalid}")
		@DecimalMax(value = "100", message = "{opportunity.line.discount.invalid}")
		private BigDecimal discountPercent;

		public Long getProductId() {
			return productId;
		}

		public void setProductId(Long v) {
			productId = v;
		}

		public BigDecimal getQuantity() {
			return quantity;
		}

		public void setQuantity(BigDecimal v) {
			quantity = v;
		}

		public BigDecimal getUnitPrice() {
			return unitPrice;
		}

		public void setUnitPrice(BigDecimal v) {
			unitPrice = v;
		}

		public BigDecimal getDiscountPercent() {
			return discountPercent;
		}

		public void setDiscountPercent(BigDecimal v) {
			discountPercent = v;
		}

	}

	static OpportunityForm empty(Long accountId, Long ownerId, Long pipelineId, LocalDate closeDate) {
		OpportunityForm f = new OpportunityForm();
		f.accountId = accountId;
		f.ownerId = ownerId;
		f.pipelineId = pipelineId;
		f.closeDate = closeDate;
		f.padLines();
		return f;
	}

	static OpportunityForm of(OpportunityDetails d) {
		OpportunityForm f = new OpportunityForm();
		f.name = d.name();
		f.accountId = d.accountId();
		f.primaryContactId = d.primaryContactId();
		f.pipelineId = d.pipelineId();
		f.stageId = d.stageId();
		f.amount = d.amount();
		f.currency = d.currency();
		f.closeDate = d.closeDate();
		f.ownerId = d.ownerId();
		f.forecastCategory = d.forecastCategory();
		f.lostReason = d.lostReason();
		f.source = d.source();
		f.salesChannel = d.salesChannel();
		f.partnerAccountId = d.partnerAccountId();
		for (OpportunityDetails.Line l : d.lines()) {
			Line line = new Line();
			line.productId = l.productId();
			line.quantity = l.quantity();
			line.unitPrice = l.unitPrice();
			line.discountPercent = l.discountPercent();
			f.lines.add(line);
		}
		f.version = d.version();
		f.padLines();
		return f;
	}

	/**
	 * Empty rows up to at least {@link #LINE_ROWS}, and one more than used, so a product
	 * can always be added.
	 */
	void padLines() {
		while (lines.size() < LINE_ROWS || lines.stream().allMatch(l -> l.productId != null) && lines.size() < 20) {
			lines.add(new Line());
		}
	}

	OpportunityCommand toCommand(long accountId, Long campaignId, Long leadId) {
		List<LineItem> items = lines.stream()
			.filter(l -> l.productId != null)
			.map(l -> new LineItem(l.productId, l.quantity == null ? BigDecimal.ONE : l.quantity, l.unitPrice,
					l.discountPercent))
			.toList();
		return new OpportunityCommand(name.trim(), accountId, primaryContactId, pipelineId, stageId, amount, currency,
				closeDate, ownerId, forecastCategory, Forms.trimmed(lostReason), Forms.trimmed(source), campaignId,
				leadId, salesChannel, partnerAccountId, items, version);
	}

	public String getName() {
		return name;
	}

	public void setName(String v) {
		name = v;
	}

	public Long getAccountId() {
		return accountId;
	}

	public void setAccountId(Long v) {
		accountId = v;
	}

	public Long getPrimaryContactId() {
		return primaryContactId;
	}

	public void setPrimaryContactId(Long v) {
		primaryContactId = v;
	}

	public Long getPipelineId() {
		return pipelineId;
	}

	public void setPipelineId(Long v) {
		pipelineId = v;
	}

	public Long getStageId() {
		return stageId;
	}

	public void setStageId(Long v) {
		stageId = v;
	}

	public BigDecimal getAmount() {
		return amount;
	}

	public void setAmount(BigDecimal v) {
		amount = v;
	}

	public String getCurrency() {
		return currency;
	}

	public void setCurrency(String v) {
		currency = v;
	}

	public LocalDate getCloseDate() {
		return closeDate;
	}

	public void setCloseDate(LocalDate v) {
		closeDate = v;
	}

	public Long getOwnerId() {
		return ownerId;
	}

	public void setOwnerId(Long v) {
		ownerId = v;
	}

	public ForecastCategory getForecastCategory() {
		return forecastCategory;
	}

	public void setForecastCategory(ForecastCategory v) {
		forecastCategory = v;
	}

	public String getLostReason() {
		return lostReason;
	}

	public void setLostReason(String v) {
		lostReason = v;
	}

	public String getSource() {
		return source;
	}

	public void setSource(String v) {
		source = v;
	}

	public SalesChannel getSalesChannel() {
		return salesChannel;
	}

	public void setSalesChannel(SalesChannel v) {
		salesChannel = v;
	}

	public Long getPartnerAccountId() {
		return partnerAccountId;
	}

	public void setPartnerAccountId(Long v) {
		partnerAccountId = v;
	}

	public List<Line> getLines() {
		return lines;
	}

	public void setLines(List<Line> v) {
		lines = v;
	}

	public long getVersion() {
		return version;
	}

	public void setVersion(long v) {
		version = v;
	}

}
