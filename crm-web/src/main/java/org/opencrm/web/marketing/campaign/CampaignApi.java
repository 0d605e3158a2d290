package org.opencrm.web.marketing.campaign;

import org.opencrm.core.shared.ValidCurrency;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import org.opencrm.core.shared.KeysetPage;
import org.opencrm.marketing.campaign.CampaignCommand;
import org.opencrm.marketing.campaign.CampaignDetails;
import org.opencrm.marketing.campaign.CampaignReport;
import org.opencrm.marketing.campaign.CampaignRow;
import org.opencrm.marketing.campaign.CampaignQuery;
import org.opencrm.marketing.campaign.CampaignService;
import org.opencrm.marketing.campaign.CampaignStatus;
import org.opencrm.marketing.campaign.CampaignType;
import org.opencrm.web.api.ApiPage;
import org.opencrm.web.system.PageSize;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/campaigns}: list (keyset), get, create, schedule and the results. Rule
 * breaks (e.g. scheduling a campaign nobody may receive) are 422 problems with their
 * code.
 */
@RestController
@RequestMapping("/api/v1/campaigns")
class CampaignApi {

	private final CampaignService campaigns;

	private final CampaignQuery campaignQuery;

	CampaignApi(CampaignService campaigns, CampaignQuery campaignQuery) {
		this.campaigns = campaigns;
		this.campaignQuery = campaignQuery;
	}

	record CampaignJson(long id, String name, CampaignType type, CampaignStatus status, BigDecimal budget,
			String currency, LocalDate startsOn, LocalDate endsOn, Long segmentId, Long templateId, Instant scheduledAt,
			Instant sentAt, long version) {

		static CampaignJson of(CampaignDetails c) {
			return new CampaignJson(c.id(), c.name(), c.type(), c.status(), c.budget(), c.currency(), c.startsOn(),
					c.endsOn(), c.segmentId(), c.templateId(), c.scheduledAt(), c.sentAt(), c.version());
		}
	}

	record CampaignListItem(long id, String name, CampaignType type, CampaignStatus status, BigDecimal budget,
			String currency, Instant scheduledAt, Instant sentAt) {

		static CampaignListItem of(CampaignRow r) {
			return new CampaignListItem(r.id(), r.name(), r.type(), r.status(), r.budget(), r.currency(),
					r.scheduledAt(), r.sentAt());
		}
	}

	record NewCampaign(@NotBlank @Size(max = 200) String name, @NotNull CampaignType type,
			@DecimalMin(value = "0", message = "{money.amount.negative}") @Digits(integer = 12,
					fraction = 2) BigDecimal budget,
			@ValidCurrency String currency, LocalDate startsOn, LocalDate endsOn, Long segmentId, Long templateId) {
	}

	/** {@code sendAt} absent: send now. */
	record Schedule(@NotNull @PositiveOrZero Long version, Instant sendAt) {
	}

	record ReportJson(long recipients, long pending, long sent, long delivered, long failed, long unknown, long opened,
			long clicked, long unsubscribed, long leads, long opportunities, BigDecimal firstTouchRevenue,
			BigDecimal lastTouchRevenue, String revenueCurrency, long otherCurrencyDeals, BigDecimal costPerLead,
			String currency) {

		static ReportJson of(CampaignReport r) {
			return new ReportJson(r.recipients(), r.pending(), r.sent(), r.delivered(), r.failed(), r.unknown(),
					r.opened(), r.clicked(), r.unsubscribed(), r.leads(), r.opportunities(), r.firstTouchRevenue(),
					r.lastTouchRevenue(), r.revenueCurrency(), r.otherCurrencyDeals(), r.costPerLead(), r.currency());
		}
	}

	@GetMapping
	ApiPage<CampaignListItem> list(@RequestParam(required = false) CampaignStatus status,
			@RequestParam(required = false) String cursor) {
		KeysetPage<CampaignRow> page = campaignQuery.list(status, cursor, PageSize.LIST);
		return new ApiPage<>(page.items().stream().map(CampaignListItem::of).toList(), page.nextCursor());
	}

	@GetMapping("/{id}")
	CampaignJson get(@PathVariable long id) {
		return CampaignJson.of(campaignQuery.details(id));
	}

	@PostMapping
	ResponseEntity<CampaignJson> create(@Valid @RequestBody NewCampaign body) {
		long id = campaigns.create(new CampaignCommand(body.name().trim(), body.type(), body.budget(), body.currency(),
				body.startsOn(), body.endsOn(), body.segmentId(), body.templateId(), 0));
		return ResponseEntity.created(URI.create("/api/v1/campaigns/" + id))
			.body(CampaignJson.of(campaignQuery.details(id)));
	}

	@PostMapping("/{id}/schedule")
	CampaignJson schedule(@PathVariable long id, @Valid @RequestBody Schedule body) {
		campaigns.schedule(id, body.version(), body.sendAt());
		return CampaignJson.of(campaignQuery.details(id));
	}

	@GetMapping("/{id}/report")
	ReportJson report(@PathVariable long id) {
		return ReportJson.of(campaignQuery.report(id));
	}

}
