package org.opencrm.web.sales.api;

import org.opencrm.core.shared.ValidCurrency;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import org.opencrm.core.user.CrmUser;
import org.opencrm.sales.opportunity.OpportunityCommand;
import org.opencrm.sales.opportunity.OpportunityCommand.ForecastCategory;
import org.opencrm.sales.opportunity.OpportunityCommand.LineItem;
import org.opencrm.sales.opportunity.OpportunityCommand.SalesChannel;
import org.opencrm.sales.opportunity.OpportunityDetails;
import org.opencrm.sales.opportunity.OpportunityFilter;
import org.opencrm.sales.opportunity.OpportunityList;
import org.opencrm.sales.opportunity.OpportunityMoves;
import org.opencrm.sales.opportunity.OpportunityQuery;
import org.opencrm.sales.opportunity.OpportunityRow;
import org.opencrm.sales.opportunity.OpportunityService;
import org.opencrm.sales.pipeline.StageKind;
import org.opencrm.web.api.ApiPage;
import org.opencrm.web.api.Versions;
import org.opencrm.web.sales.SalesWeb;
import org.opencrm.web.system.PageSize;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Deals over JSON: list (keyset, filters), get (with its ETag), create, update (If-Match
 * or the body's version), stage move.
 */
@RestController
@RequestMapping("/api/v1/opportunities")
class OpportunityApi {

	private final OpportunityService deals;

	private final OpportunityMoves moves;

	private final OpportunityQuery query;

	private final OpportunityList list;

	OpportunityApi(OpportunityService deals, OpportunityMoves moves, OpportunityQuery query, OpportunityList list) {
		this.deals = deals;
		this.moves = moves;
		this.query = query;
		this.list = list;
	}

	record Line(@NotNull Long productId,
			@NotNull @DecimalMin(value = "0", inclusive = false,
					message = "{opportunity.line.quantity.invalid}") BigDecimal quantity,
			@DecimalMin(value = "0", message = "{money.amount.negative}") BigDecimal unitPrice,
			@DecimalMin(value = "0", message = "{opportunity.line.discount.invalid}") @DecimalMax(value = "100",
					message = "{opportunity.line.discount.invalid}") BigDecimal discountPercent) {
	}

	record OpportunityRequest(@NotBlank @Size(max = 200) String name, @NotNull Long accountId, Long primaryContactId,
			Long pipelineId, Long stageId,
			@DecimalMin(value = "0", message = "{money.amount.negative}") BigDecimal amount,
			@ValidCurrency String currency, @NotNull LocalDate closeDate, Long ownerId,
			ForecastCategory forecastCategory, @Size(max = 100) String lostReason, @Size(max = 50) String source,
			Long campaignId, SalesChannel salesChannel, Long partnerAccountId, List<@Valid Line> lines, Long version) {

		OpportunityCommand toCommand(long defaultOwner, long version) {
			List<LineItem> items = lines == null ? List.of()
					: lines.stream()
						.map(l -> new LineItem(l.productId(), l.quantity(), l.unitPrice(), l.discountPercent()))
						.toList();
			return new OpportunityCommand(name, accountId, primaryContactId, pipelineId, stageId, amount, currency,
					closeDate, ownerId == null ? defaultOwner : ownerId, forecastCategory, lostReason, source,
					campaignId, null, salesChannel, partnerAccountId, items, version);
		}
	}

	record StageRequest(@NotNull Long stageId, @Size(max = 100) String lostReason, @NotNull Long version) {
	}

	@GetMapping
	ApiPage<OpportunityRow> list(@RequestParam(required = false) Long owner, @RequestParam(required = false) Long team,
			@RequestParam(required = false) Long pipeline, @RequestParam(required = false) Long stage,
			@RequestParam(required = false) StageKind status,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate closeFrom,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate closeTo,
			@RequestParam(required = false) String cursor, @AuthenticationPrincipal CrmUser user) {
		var page = list.list(new OpportunityFilter(owner, team, pipeline, stage, status, closeFrom, closeTo),
				SalesWeb.visibility(user), cursor, PageSize.LIST);
		return new ApiPage<>(page.items(), page.nextCursor());
	}

	@GetMapping("/{id}")
	ResponseEntity<OpportunityDetails> get(@PathVariable long id, @AuthenticationPrincipal CrmUser user) {
		OpportunityDetails deal = query.details(id, SalesWeb.visibility(user));
		return Versions.ok(deal, deal.version());
	}

	@PostMapping
	ResponseEntity<OpportunityDetails> create(@Valid @RequestBody OpportunityRequest request,
			@AuthenticationPrincipal CrmUser user) {
		long id = deals.create(request.toCommand(user.id(), Versions.expected(null, request.version())),
				SalesWeb.visibility(user));
		return ResponseEntity.created(URI.create("/api/v1/opportunities/" + id))
			.body(query.details(id, SalesWeb.visibility(user)));
	}

	@PutMapping("/{id}")
	ResponseEntity<OpportunityDetails> update(@PathVariable long id, @Valid @RequestBody OpportunityRequest request,
			@RequestHeader(name = Versions.IF_MATCH, required = false) String ifMatch,
			@AuthenticationPrincipal CrmUser user) {
		deals.update(id, request.toCommand(user.id(), Versions.expected(ifMatch, request.version())),
				SalesWeb.visibility(user));
		OpportunityDetails deal = query.details(id, SalesWeb.visibility(user));
		return Versions.ok(deal, deal.version());
	}

	@PostMapping("/{id}/stage")
	OpportunityDetails move(@PathVariable long id, @Valid @RequestBody StageRequest request,
			@AuthenticationPrincipal CrmUser user) {
		moves.moveStage(id, request.version(), request.stageId(), request.lostReason(), SalesWeb.visibility(user));
		return query.details(id, SalesWeb.visibility(user));
	}

}
