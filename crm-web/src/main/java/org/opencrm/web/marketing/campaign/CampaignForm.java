package org.opencrm.web.marketing.campaign;

import org.opencrm.core.shared.ValidCurrency;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.opencrm.marketing.campaign.CampaignCommand;
import org.opencrm.marketing.campaign.CampaignDetails;
import org.opencrm.marketing.campaign.CampaignType;
import org.opencrm.web.system.Forms;
import org.springframework.format.annotation.DateTimeFormat;

/** A campaign as typed. */
class CampaignForm {

	@NotBlank
	@Size(max = 200)
	private String name;

	@NotNull
	private CampaignType type = CampaignType.EMAIL;

	@DecimalMin(value = "0", message = "{money.amount.negative}")
	@Digits(integer = 12, fraction = 2)
	private BigDecimal budget;

	@ValidCurrency
	private String currency = "EUR";

	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
	private LocalDate startsOn;

	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
	private LocalDate endsOn;

	private Long segmentId;

	private Long templateId;

	private long version;

	static CampaignForm of(CampaignDetails c) {
		CampaignForm f = new CampaignForm();
		f.name = c.name();
		f.type = c.type();
		f.budget = c.budget();
		f.currency = c.currency();
		f.startsOn = c.startsOn();
		f.endsOn = c.endsOn();
		f.segmentId = c.segmentId();
		f.templateId = c.templateId();
		f.version = c.version();
		return f;
	}

	CampaignCommand toCommand() {
		String cur = Forms.trimmed(currency);
		return new CampaignCommand(name.trim(), type, budget, budget == null ? null : cur, startsOn, endsOn, segmentId,
				templateId, version);
	}

	public String getName() {
		return name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public CampaignType getType() {
		return type;
	}

	public void setType(CampaignType type) {
		this.type = type;
	}

	public BigDecimal getBudget() {
		return budget;
	}

	public void setBudget(BigDecimal budget) {
		this.budget = budget;
	}

	public String getCurrency() {
		return currency;
	}

	public void setCurrency(String currency) {
		this.currency = currency;
	}

	public LocalDate getStartsOn() {
		return startsOn;
	}

	public void setStartsOn(LocalDate startsOn) {
		this.startsOn = startsOn;
	}

	public LocalDate getEndsOn() {
		return endsOn;
	}

	public void setEndsOn(LocalDate endsOn) {
		this.endsOn = endsOn;
	}

	public Long getSegmentId() {
		return segmentId;
	}

	public void setSegmentId(Long segmentId) {
		this.segmentId = segmentId;
	}

	public Long getTemplateId() {
		return templateId;
	}

	public void setTemplateId(Long templateId) {
		this.templateId = templateId;
	}

	public long getVersion() {
		return version;
	}

	public void setVersion(long version) {
		this.version = version;
	}

}
