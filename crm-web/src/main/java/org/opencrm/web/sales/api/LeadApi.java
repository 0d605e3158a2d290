package org.opencrm.web.sales.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.shared.ValidEmail;
import org.opencrm.sales.lead.Conversion;
import org.opencrm.sales.lead.ConvertLead;
import org.opencrm.sales.lead.LeadCommand;
import org.opencrm.sales.lead.LeadConversion;
import org.opencrm.sales.lead.LeadDetails;
import org.opencrm.sales.lead.LeadFilter;
import org.opencrm.sales.lead.LeadQuery;
import org.opencrm.sales.lead.LeadRow;
import org.opencrm.sales.lead.LeadService;
import org.opencrm.sales.lead.LeadStatus;
import org.opencrm.web.api.ApiPage;
import org.opencrm.web.api.Versions;
import org.opencrm.web.sales.SalesWeb;
import org.opencrm.web.system.PageSize;
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
 * Leads over JSON: list (keyset), get (with its ETag), create, update (If-Match or the
 * body's version), status change, conversion.
 */
@RestController
@RequestMapping("/api/v1/leads")
class LeadApi {

	private final LeadService leads;

	private final LeadQuery query;

	private final LeadConversion conversion;

	LeadApi(LeadService leads, LeadQuery query, LeadConversion conversion) {
		this.leads = leads;
		this.query = query;
		this.conversion = conversion;
	}

	record LeadRequest(@Size(max = 100) String firstName, @NotBlank @Size(max = 100) String lastName,
			@ValidEmail @Size(max = 254) String email, @Size(max = 50) String phone, @Size(max = 200) String company,
			@Size(max = 150) String title, @Size(max = 100) String industry, @Size(max = 100) String country,
			@PositiveOrZero Integer companySize, @Size(max = 50) String source, @Size(max = 200) String sourceDetail,
			Long campaignId, Long ownerId, Long version) {

		LeadCommand toCommand(long version) {
			return new LeadCommand(firstName, lastName, email, phone, company, title, industry, country, companySize,
					source == null || source.isBlank() ? "api" : source, sourceDetail, campaignId, ownerId, version);
		}
	}

	record LeadJson(long id, String firstName, String lastName, String email, String phone, String company,
			String title, String industry, String country, Integer companySize, String source, String sourceDetail,
			LeadStatus status, String disqualifiedReason, int score, boolean mql, Long ownerId, Long convertedAccountId,
			Long convertedContactId, Long convertedOpportunityId, long version, Instant createdAt, Instant updatedAt,
			String externalId) {

		static LeadJson of(LeadDetails l) {
			return new LeadJson(l.id(), l.firstName(), l.lastName(), l.email(), l.phone(), l.company(), l.title(),
					l.industry(), l.country(), l.companySize(), l.source(), l.sourceDetail(), l.status(),
					l.disqualifiedReason(), l.score(), l.mql(), l.ownerId(), l.convertedAccountId(),
					l.convertedContactId(), l.convertedOpportunityId(), l.version(), l.createdAt(), l.updatedAt(),
					l.externalId());
		}
	}

	record LeadItem(long id, String name, String email, String company, String source, LeadStatus status, int score,
			boolean mql, String ownerName, Instant createdAt) {

		static LeadItem of(LeadRow r) {
			return new LeadItem(r.id(), r.fullName(), r.email(), r.company(), r.source(), r.status(), r.score(),
					r.mql(), r.ownerName(), r.createdAt());
		}
	}

	record StatusRequest(@NotNull LeadStatus status, @Size(max = 200) String reason, @NotNull Long version) {
	}

	/**
	 * Wrapper types throughout: a missing JSON property is then null (a validation
	 * error), not a parse failure.
	 */
	record ConversionRequest(Long accountId, Long contactId, Boolean createOpportunity,
			@Size(max = 200) String opportunityName, @DecimalMin("0") BigDecimal amount, LocalDate closeDate,
			Long pipelineId, @NotNull Long version) {
	}

	@GetMapping
	ApiPage<LeadItem> list(@RequestParam(required = false) String q, @RequestParam(required = false) LeadStatus status,
			@RequestParam(required = false) Long owner, @RequestParam(required = false) String source,
			@RequestParam(required = false) String cursor, @AuthenticationPrincipal CrmUser user) {
		var page = query.list(new LeadFilter(q, status, owner, source), SalesWeb.visibility(user), cursor,
				PageSize.LIST);
		return new ApiPage<>(page.items().stream().map(LeadItem::of).toList(), page.nextCursor());
	}

	@GetMapping("/{id}")
	ResponseEntity<LeadJson> get(@PathVariable long id, @AuthenticationPrincipal CrmUser user) {
		LeadDetails lead = query.details(id, SalesWeb.visibility(user));
		return Versions.ok(LeadJson.of(lead), lead.version());
	}

	@PostMapping
	ResponseEntity<LeadJson> create(@Valid @RequestBody LeadRequest request, @AuthenticationPrincipal CrmUser user) {
		long id = leads.create(request.toCommand(Versions.expected(null, request.version())),
				SalesWeb.visibility(user));
		return ResponseEntity.created(URI.create("/api/v1/leads/" + id))
			.body(LeadJson.of(query.details(id, SalesWeb.visibility(user))));
	}

	@PutMapping("/{id}")
	ResponseEntity<LeadJson> update(@PathVariable long id, @Valid @RequestBody LeadRequest request,
			@RequestHeader(name = Versions.IF_MATCH, required = false) String ifMatch,
			@AuthenticationPrincipal CrmUser user) {
		leads.update(id, request.toCommand(Versions.expected(ifMatch, request.version())), SalesWeb.visibility(user));
		LeadDetails lead = query.details(id, SalesWeb.visibility(user));
		return Versions.ok(LeadJson.of(lead), lead.version());
	}

	@PostMapping("/{id}/status")
	LeadJson status(@PathVariable long id, @Valid @RequestBody StatusRequest request,
			@AuthenticationPrincipal CrmUser user) {
		leads.changeStatus(id, request.version(), request.status(), request.reason(), SalesWeb.visibility(user));
		return LeadJson.of(query.details(id, SalesWeb.visibility(user)));
	}

	@PostMapping("/{id}/conversion")
	Conversion convert(@PathVariable long id, @Valid @RequestBody ConversionRequest r,
			@AuthenticationPrincipal CrmUser user) {
		return conversion.convert(id,
				new ConvertLead(r.accountId(), r.contactId(), Boolean.TRUE.equals(r.createOpportunity()),
						r.opportunityName(), r.amount(), r.closeDate(), r.pipelineId(), r.version()),
				SalesWeb.visibility(user));
	}

}
