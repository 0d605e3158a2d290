package org.opencrm.sales.lead;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.opencrm.core.audit.AuditTrail;
import org.opencrm.core.dedupe.MergeTarget;
import org.opencrm.core.dedupe.RecordType;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.user.Visibility;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Leads in core's merge ({@code RecordMergeService}): the fields a merge picks and the
 * writes, through {@link LeadService} (version, owner rules, field history, the new
 * owner's notice) and {@link Lead} (the status taken as it stands). A converted lead is
 * never merged, as survivor or as merged-away record: it stands for the account, person
 * and deal it became, which are merged instead. Marketing's score is the one of the lead
 * picked for "score" (its scoring row moves with it, {@code ScoringMerge}); the campaign
 * is the survivor's, else the first other lead's. The survivor's activities note the
 * merge (leads are not on core's timeline).
 */
@Component
class LeadMerging implements MergeTarget<LeadDetails> {

	static final List<String> FIELDS = List.of("firstName", "lastName", "email", "phone", "company", "title",
			"industry", "country", "companySize", "source", "status", "ownerId", "score", "externalId");

	private final LeadQuery query;

	private final LeadService service;

	private final LeadRepository leads;

	private final LeadActivities activities;

	private final AuditTrail audit;

	private final JdbcClient jdbc;

	private final Clock clock;

	LeadMerging(LeadQuery query, LeadService service, LeadRepository leads, LeadActivities activities, AuditTrail audit,
			JdbcClient jdbc, Clock clock) {
		this.query = query;
		this.service = service;
		this.leads = leads;
		this.activities = activities;
		this.audit = audit;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public RecordType type() {
		return RecordType.LEAD;
	}

	@Override
	public List<String> fields() {
		return FIELDS;
	}

	@Override
	public LeadDetails load(long id, Visibility visibility) {
		return query.details(id, visibility);
	}

	@Override
	public long version(LeadDetails lead) {
		return lead.version();
	}

	@Override
	public String title(LeadDetails lead) {
		return lead.fullName();
	}

	@Override
	public Map<String, String> values(LeadDetails l) {
		Map<String, String> v = new LinkedHashMap<>();
		v.put("firstName", l.firstName());
		v.put("lastName", l.lastName());
		v.put("email", l.email());
		v.put("phone", l.phone());
		v.put("company", l.company());
		v.put("title", l.title());
		v.put("industry", l.industry());
		v.put("country", l.country());
		v.put("companySize", l.companySize() == null ? null : l.companySize().toString());
		v.put("source", l.sourceDetail() == null ? l.source() : l.source() + " (" + l.sourceDetail() + ")");
		v.put("status", l.status().name());
		v.put("ownerId", l.ownerName());
		v.put("score", Integer.toString(l.score()));
		v.put("externalId", l.externalId());
		return v;
	}

	/**
	 * The score defaults to the strongest evidence of interest: an MQL first, then the
	 * highest score.
	 */
	@Override
	public LeadDetails preferred(String field, List<LeadDetails> records) {
		if (!"score".equals(field)) {
			return null;
		}
		return records.stream()
			.max(Comparator.comparing(LeadDetails::mql).thenComparingInt(LeadDetails::score))
			.orElse(null);
	}

	@Override
	public String stored(LeadDetails l, String field) {
		return "ownerId".equals(field) ? (l.ownerId() == null ? null : l.ownerId().toString()) : values(l).get(field);
	}

	/**
	 * @throws RuleViolationException {@code merge.lead.converted}
	 */
	@Override
	public void requireMergeable(LeadDetails lead) {
		if (lead.status() == LeadStatus.CONVERTED) {
			throw new RuleViolationException("merge.lead.converted",
					"{0} is converted: merge the person it became instead.", lead.fullName());
		}
	}

	@Override
	public void lock(List<Long> ids) {
		jdbc.sql("select id from leads where id = any(?) order by id for update")
			.param(ids.toArray(Long[]::new))
			.query(Long.class)
			.list();
	}

	@Override
	public void update(LeadDetails s, Map<String, LeadDetails> chosen, List<LeadDetails> all, Visibility visibility) {
		LeadDetails source = chosen.get("source");
		Long campaign = all.stream().map(LeadDetails::campaignId).filter(Objects::nonNull).findFirst().orElse(null);
		String externalId = chosen.get("externalId").externalId();
		service.update(s.id(),
				new LeadCommand(chosen.get("firstName").firstName(), chosen.get("lastName").lastName(),
						chosen.get("email").email(), chosen.get("phone").phone(), chosen.get("company").company(),
						chosen.get("title").title(), chosen.get("industry").industry(), chosen.get("country").country(),
						chosen.get("companySize").companySize(), source.source(), source.sourceDetail(), campaign,
						chosen.get("ownerId").ownerId(), externalId == null ? "" : externalId, s.version()),
				visibility);
		Lead lead = leads.findForChange(s.id()).orElseThrow(() -> new NotFoundException("Lead", s.id()));
		LeadDetails status = chosen.get("status");
		if (status.status() != lead.status()) {
			String was = lead.status().name();
			lead.takeStatus(status.status(), status.disqualifiedReason());
			leads.flush();
			audit.changed(LeadService.AUDIT_TYPE, s.id(), Map.of("status", was),
					Map.of("status", status.status().name()));
		}
		Instant now = clock.instant();
		LeadDetails score = chosen.get("score");
		if (score != s) {
			leads.flush();
			leads.applyScore(s.id(), score.score(), score.mql(), now);
		}
		String names = all.subList(1, all.size())
			.stream()
			.map(l -> l.fullName() + " (#" + l.id() + ")")
			.collect(Collectors.joining(", "));
		activities.add(s.id(), "MERGE", names.length() > 300 ? names.substring(0, 299) + "…" : names, null, now);
	}

	/**
	 * Deletes a merged-away lead: everything about it has moved to the survivor (so no
	 * {@code LeadRemoved}: marketing's rows are the survivor's now); its field history
	 * stays, as a deleted record's does.
	 */
	@Override
	public void delete(LeadDetails merged, Visibility visibility) {
		Lead lead = service.loadForChange(merged.id(), visibility);
		lead.checkVersion(merged.version());
		leads.delete(lead);
		leads.flush();
		audit.deleted(LeadService.AUDIT_TYPE, merged.id());
	}

	@Override
	public Long accountOf(LeadDetails lead) {
		return null;
	}

	@Override
	public Long contactOf(LeadDetails lead) {
		return null;
	}

}
