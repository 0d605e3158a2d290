package org.opencrm.sales.lead;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.opencrm.core.access.AccountAccess;
import org.opencrm.core.account.AccountCommand;
import org.opencrm.core.account.AccountService;
import org.opencrm.core.audit.AuditTrail;
import org.opencrm.core.contact.ContactCommand;
import org.opencrm.core.contact.ContactService;
import org.opencrm.core.event.LeadConverted;
import org.opencrm.core.shared.Actor;
import org.opencrm.core.shared.LifecycleStage;
import org.opencrm.core.shared.References;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.timeline.InteractionKind;
import org.opencrm.core.timeline.RecordInteraction;
import org.opencrm.core.timeline.TimelineText;
import org.opencrm.core.timeline.TimelineService;
import org.opencrm.core.user.Visibility;
import org.opencrm.sales.opportunity.OpenOpportunity;
import org.opencrm.sales.opportunity.OpportunityOpener;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Converts a qualified lead in one transaction: a new or an existing account and contact,
 * an optional deal, the lead marked converted ({@link Lead#markConverted}, which refuses
 * a second conversion), a summary on the contact's timeline and {@link LeadConverted}
 * published. Any failure rolls all of it back.
 */
@Service
public class LeadConversion {

	private final JdbcClient jdbc;

	private final LeadService leads;

	private final LeadRepository repository;

	private final LeadActivities activities;

	private final AccountService accounts;

	private final ContactService contacts;

	private final OpportunityOpener opportunities;

	private final TimelineService timeline;

	private final AccountAccess access;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	LeadConversion(JdbcClient jdbc, LeadService leads, LeadRepository repository, LeadActivities activities,
			AccountService accounts, ContactService contacts, OpportunityOpener opportunities, TimelineService timeline,
			AccountAccess access, AuditTrail audit, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.leads = leads;
		this.repository = repository;
		this.activities = activities;
		this.accounts = accounts;
		this.contacts = contacts;
		this.opportunities = opportunities;
		this.timeline = timeline;
		this.access = access;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * @throws RuleViolationException the lead's ({@link Lead#requireConvertible()}), or
	 * {@code lead.convert.accountUnknown}, {@code lead.convert.contactUnknown},
	 * {@code lead.convert.contactOtherAccount}, {@code lead.convert.noOwner}, or the
	 * account's, contact's or deal's own rules
	 */
	@Transactional
	public Conversion convert(long id, ConvertLead cmd, Visibility visibility) {
		Lead lead = leads.loadForChange(id, visibility);
		// The status first: converting twice says so, whatever version the form saw.
		lead.requireConvertible();
		lead.checkVersion(cmd.version());
		Long owner = lead.ownerId() != null ? lead.ownerId() : Actor.currentIdOrNull();
		long accountId = account(lead, cmd, owner, visibility);
		long contactId = contact(lead, cmd, accountId, owner, visibility);
		Long opportunityId = null;
		if (cmd.createOpportunity()) {
			if (owner == null) {
				throw new RuleViolationException("lead.convert.noOwner",
						"Give the lead an owner before opening a deal.");
			}
			String name = Lead.trimmed(cmd.opportunityName()) != null ? cmd.opportunityName().trim()
					: companyOrName(lead) + " – new business";
			LocalDate close = cmd.closeDate() != null ? cmd.closeDate() : LocalDate.now(clock).plusDays(30);
			opportunityId = opportunities.open(new OpenOpportunity(name, accountId, contactId, cmd.pipelineId(), null,
					cmd.amount(), "EUR", close, owner, lead.source(), lead.campaignId(), id));
		}
		Instant now = clock.instant();
		var before = lead.workflowFields();
		lead.markConverted(accountId, contactId, opportunityId, now);
		repository.flush();
		leads.reportChange(id, before, lead.workflowFields());
		activities.add(id, "STATUS", "QUALIFIED → CONVERTED", null, now);
		timeline.record(new RecordInteraction(InteractionKind.SYSTEM, now, accountId, contactId,
				TimelineText.of("timeline.lead.converted", lead.fullName()), summary(lead), "sales", "lead:" + id));
		audit.changed(LeadService.AUDIT_TYPE, id, Map.of("status", LeadStatus.QUALIFIED.name()),
				Map.of("status", LeadStatus.CONVERTED.name()));
		events
			.publishEvent(new LeadConverted(id, lead.email(), accountId, contactId, opportunityId, lead.campaignId()));
		return new Conversion(id, accountId, contactId, opportunityId);
	}

	/** The account picked (one the user may see), else a new one from the lead. */
	private long account(Lead lead, ConvertLead cmd, Long owner, Visibility visibility) {
		if (cmd.existingAccountId() != null) {
			// One the user may not see is answered like one that doesn't exist.
			if (!access.canSeeAccount(cmd.existingAccountId(), visibility)) {
				throw new RuleViolationException("lead.convert.accountUnknown", "There is no such account.");
			}
			return cmd.existingAccountId();
		}
		return accounts.create(new AccountCommand(companyOrName(lead), null, lead.industry(), null, null, null, null,
				null, null, lead.country(), LifecycleStage.SALES_QUALIFIED, owner, List.of(), 0));
	}

	/** The contact picked (one the user may see, at that account), else a new one. */
	private long contact(Lead lead, ConvertLead cmd, long accountId, Long owner, Visibility visibility) {
		if (cmd.existingContactId() != null) {
			if (!access.canSeeContact(cmd.existingContactId(), visibility)) {
				throw new RuleViolationException("lead.convert.contactUnknown", "There is no such contact.");
			}
			Long contactAccount = References.accountOfContact(jdbc, cmd.existingContactId());
			if (contactAccount != null && contactAccount != accountId) {
				throw new RuleViolationException("lead.convert.contactOtherAccount",
						"That contact works at another account: choose their account, or a new contact.");
			}
			return cmd.existingContactId();
		}
		return contacts.create(new ContactCommand(lead.firstName() == null ? "" : lead.firstName(), lead.lastName(),
				lead.title(), lead.email(), lead.phone(), null, null, null, null, lead.country(), accountId,
				LifecycleStage.SALES_QUALIFIED, owner, List.of(), false, false, 0));
	}

	private static String companyOrName(Lead lead) {
		return Lead.trimmed(lead.company()) != null ? lead.company().trim() : lead.fullName();
	}

	/**
	 * Where the lead came from, for the contact's timeline (its history stays on the
	 * lead).
	 */
	private TimelineText summary(Lead lead) {
		String source = lead.sourceDetail() == null ? lead.source() : lead.source() + " (" + lead.sourceDetail() + ")";
		return TimelineText.of(lead.mql() ? "timeline.lead.summaryMql" : "timeline.lead.summary", source,
				LocalDate.ofInstant(lead.getCreatedAt(), clock.getZone()), lead.score());
	}

}
