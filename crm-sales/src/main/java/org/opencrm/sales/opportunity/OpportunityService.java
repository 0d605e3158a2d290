package org.opencrm.sales.opportunity;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.opencrm.core.access.AccountAccess;
import org.opencrm.core.audit.AuditTrail;
import org.opencrm.core.event.DealWon;
import org.opencrm.core.notification.Notification;
import org.opencrm.core.notification.NotificationKind;
import org.opencrm.core.notification.Notifications;
import org.opencrm.core.shared.Actor;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.task.TaskService;
import org.opencrm.core.user.Visibility;
import org.opencrm.core.workflow.RecordChanges;
import org.opencrm.sales.opportunity.OpportunityCommand.SalesChannel;
import org.opencrm.sales.pipeline.PipelineService;
import org.opencrm.sales.pipeline.Stage;
import org.opencrm.sales.shared.Scopes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opening and editing deals. A deal is an aggregate ({@link Opportunity}: its rules and
 * stage changes, one write path through {@link OpportunityRepository} that checks its
 * version); this service adds who may do what ({@link Visibility},
 * {@link AccountAccess}), the look-ups ({@link DealReferences}), the audit trail and the
 * account's timeline. A deal saved in a won stage publishes {@link DealWon}.
 * {@link OpportunityMoves} moves deals on the board; lists, the board and the deal page
 * read SQL rows ({@link OpportunityList}, {@link OpportunityBoard},
 * {@link OpportunityQuery}).
 */
@Service
public class OpportunityService implements OpportunityOpener {

	static final String AUDIT_TYPE = "opportunity";

	/** A deal's record type in workflow rules (and notifications' links). */
	static final String WORKFLOW_TYPE = "deal";

	private final OpportunityRepository deals;

	private final DealReferences references;

	private final PipelineService pipelines;

	private final StageTimeline timeline;

	private final AuditTrail audit;

	private final AccountAccess access;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Notifications notifications;

	private final RecordChanges changes;

	private final TaskService tasks;

	OpportunityService(OpportunityRepository deals, DealReferences references, PipelineService pipelines,
			StageTimeline timeline, AuditTrail audit, AccountAccess access, JdbcClient jdbc, Clock clock,
			Notifications notifications, RecordChanges changes, TaskService tasks) {
		this.deals = deals;
		this.changes = changes;
		this.tasks = tasks;
		this.notifications = notifications;
		this.references = references;
		this.pipelines = pipelines;
		this.timeline = timeline;
		this.audit = audit;
		this.access = access;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	@Transactional
	public long open(OpenOpportunity c) {
		return insert(new OpportunityCommand(c.name(), c.accountId(), c.primaryContactId(), c.pipelineId(), c.stageId(),
				c.amount() == null ? BigDecimal.ZERO : c.amount(), c.currency(), c.closeDate(), c.ownerId(), null, null,
				c.source(), c.campaignId(), c.leadId(), SalesChannel.DIRECT, null, List.of(), 0));
	}

	@Transactional
	public long create(OpportunityCommand cmd, Visibility visibility) {
		Scopes.requireAssignable(jdbc, visibility, cmd.ownerId());
		requireVisibleCustomer(cmd.accountId(), cmd.primaryContactId(), visibility);
		return insert(cmd);
	}

	/**
	 * Saves the deal form (or the API's PUT): {@code cmd.version()} is the one its editor
	 * saw, a stale one conflicts. What the form doesn't show stays as it is (see
	 * {@link Opportunity#edit}).
	 */
	@Transactional
	public void update(long id, OpportunityCommand cmd, Visibility visibility) {
		Opportunity deal = deals.get(id);
		Scopes.requireVisible(jdbc, visibility, deal.ownerId(), "Opportunity", id);
		deal.checkVersion(cmd.version());
		if (cmd.ownerId() != deal.ownerId()) {
			Scopes.requireAssignable(jdbc, visibility, cmd.ownerId());
		}
		Long contact = deal.contactAfterEdit(cmd.accountId(), cmd.primaryContactId());
		// Only a customer newly chosen: a deal already on one stays editable.
		requireVisibleCustomer(cmd.accountId() == deal.accountId() ? null : cmd.accountId(),
				Objects.equals(contact, deal.primaryContactId()) ? null : contact, visibility);
		ResolvedDeal resolved = references.resolve(cmd, contact);
		Map<String, String> before = deal.snapshot(stageName(deal.stageId()));
		long ownerBefore = deal.ownerId();
		var move = deal.edit(resolved, Actor.currentIdOrNull(), clock);
		deals.saveChanges(deal);
		if (deal.ownerId() != ownerBefore) {
			notifyOwner(deal);
		}
		Map<String, String> after = deal.snapshot(resolved.stage().name());
		audit.changed(AUDIT_TYPE, id, before, after);
		move.ifPresent(m -> timeline.record(deal, m));
		changes.updated(WORKFLOW_TYPE, id, before, after);
	}

	/**
	 * A workflow rule sets one field (name, close date, source, forecast category): the
	 * version moves, the field history and rules see it as any edit.
	 */
	@Transactional
	public void setFieldByRule(long id, String field, String value) {
		Opportunity deal = deals.get(id);
		String stage = stageName(deal.stageId());
		Map<String, String> before = deal.snapshot(stage);
		deal.setByRule(field, value, clock);
		saveChanged(deal, before, stage);
	}

	/**
	 * A workflow rule gives the deal to another owner (checked against the owner rule
	 * when the rule was saved, and again here); the new owner is told.
	 */
	@Transactional
	public void assignByRule(long id, long ownerId) {
		Scopes.requireAssignable(jdbc, Visibility.all(), ownerId);
		Opportunity deal = deals.get(id);
		if (deal.ownerId() == ownerId) {
			return;
		}
		String stage = stageName(deal.stageId());
		Map<String, String> before = deal.snapshot(stage);
		deal.giveTo(ownerId);
		saveChanged(deal, before, stage);
		notifyOwner(deal);
	}

	private void saveChanged(Opportunity deal, Map<String, String> before, String stage) {
		deals.saveChanges(deal);
		Map<String, String> after = deal.snapshot(stage);
		audit.changed(AUDIT_TYPE, deal.getId(), before, after);
		changes.updated(WORKFLOW_TYPE, deal.getId(), before, after);
	}

	/**
	 * Gives a deal to another owner (the list's bulk "assign"): the same checks, field
	 * history and notification as the form; the same owner changes nothing.
	 * @param version the one the user saw: a stale one conflicts
	 * @return whether the owner changed
	 */
	@Transactional
	public boolean assign(long id, long version, long ownerId, Visibility visibility) {
		Opportunity deal = deals.get(id);
		Scopes.requireVisible(jdbc, visibility, deal.ownerId(), "Opportunity", id);
		deal.checkVersion(version);
		if (deal.ownerId() == ownerId) {
			return false;
		}
		Scopes.requireAssignable(jdbc, visibility, ownerId);
		String stage = stageName(deal.stageId());
		Map<String, String> before = deal.snapshot(stage);
		deal.giveTo(ownerId);
		saveChanged(deal, before, stage);
		notifyOwner(deal);
		return true;
	}

	/**
	 * Deletes an open or lost deal (the list's bulk "delete", managers and admins) with
	 * its lines, stage history, the tasks and notifications about it; a lead converted
	 * into it keeps its conversion without the link (the foreign key sets it null). The
	 * account's timeline keeps the deal's stage changes, the audit trail its history. A
	 * won deal is refused ({@link Opportunity#requireDeletable}).
	 * @param version the one the user saw: a stale one conflicts
	 */
	@Transactional
	public void delete(long id, long version, Visibility visibility) {
		Opportunity deal = deals.get(id);
		Scopes.requireVisible(jdbc, visibility, deal.ownerId(), "Opportunity", id);
		deal.checkVersion(version);
		deal.requireDeletable();
		tasks.deleteAbout("opportunity:" + id);
		notifications.forgetRecord("deal", id);
		deals.delete(deal);
		deals.flush();
		audit.deleted(AUDIT_TYPE, id);
	}

	private long insert(OpportunityCommand cmd) {
		ResolvedDeal resolved = references.resolve(cmd, cmd.primaryContactId());
		Opportunity deal = deals.saveAndFlush(new Opportunity(resolved, Actor.currentIdOrNull(), clock));
		audit.created(AUDIT_TYPE, deal.getId());
		timeline.record(deal, null, resolved.stage(), deal.stageChangedAt());
		notifyOwner(deal);
		changes.created(WORKFLOW_TYPE, deal.getId());
		return deal.getId();
	}

	/** Tells a deal's (new) owner, unless they are who gave it. */
	private void notifyOwner(Opportunity deal) {
		notifications.notify(
				Notification.to(deal.ownerId(), NotificationKind.ASSIGNMENT, "notification.assigned.deal", deal.name())
					.about("deal", deal.getId()));
	}

	/**
	 * A deal is about a customer the user may see ({@link AccountAccess}): else its page
	 * would show that customer's timeline and tasks. One they can't see is answered like
	 * one that doesn't exist (the same rule message), so the answer doesn't tell them
	 * apart.
	 */
	private void requireVisibleCustomer(Long accountId, Long contactId, Visibility visibility) {
		if (visibility.scope() == Visibility.Scope.ALL) {
			return;
		}
		if (accountId != null && !access.canSeeAccount(accountId, visibility)) {
			throw new RuleViolationException("opportunity.account.unknown", "There is no such account.");
		}
		if (contactId != null && !access.canSeeContact(contactId, visibility)) {
			throw new RuleViolationException("opportunity.contact.unknown", "There is no such contact.");
		}
	}

	private String stageName(long stageId) {
		return pipelines.stage(stageId).map(Stage::name).orElse(null);
	}

}
