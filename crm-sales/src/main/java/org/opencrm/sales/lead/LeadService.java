package org.opencrm.sales.lead;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.opencrm.core.audit.AuditTrail;
import org.opencrm.core.event.LeadCreated;
import org.opencrm.core.event.LeadOwnerChanged;
import org.opencrm.core.event.LeadRemoved;
import org.opencrm.core.notification.Notification;
import org.opencrm.core.notification.NotificationKind;
import org.opencrm.core.notification.Notifications;
import org.opencrm.core.shared.Actor;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.task.CreateTask;
import org.opencrm.core.timeline.TimelineText;
import org.opencrm.core.task.TaskService;
import org.opencrm.core.user.Visibility;
import org.opencrm.core.workflow.RecordChanges;
import org.opencrm.sales.shared.Scopes;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Limit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lead changes: capture, create, edit, status, logged activities and marketing's score. A
 * lead is an aggregate ({@link Lead}: its rules and status flow, one write path through
 * {@link LeadRepository}); this service checks who may see and own it and writes the
 * audit trail, activities and events. Conversion is {@link LeadConversion}, reading is
 * {@link LeadQuery}. Leads outside the user's {@link Visibility} are "not found".
 */
@Service
public class LeadService {

	static final String AUDIT_TYPE = "lead";

	/** A lead's record type in workflow rules (and notifications' links). */
	static final String WORKFLOW_TYPE = "lead";

	static final Set<String> LOGGABLE = Set.of("CALL", "MEETING", "NOTE", "EMAIL");

	private static final List<LeadStatus> OPEN = List.of(LeadStatus.NEW, LeadStatus.WORKING, LeadStatus.QUALIFIED);

	private final JdbcClient jdbc;

	private final LeadRepository leads;

	private final LeadActivities activities;

	private final AssignmentRules rules;

	private final TaskService tasks;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final EntityManager entityManager;

	private final Notifications notifications;

	private final RecordChanges changes;

	LeadService(JdbcClient jdbc, LeadRepository leads, LeadActivities activities, AssignmentRules rules,
			TaskService tasks, AuditTrail audit, ApplicationEventPublisher events, Clock clock,
			EntityManager entityManager, Notifications notifications, RecordChanges changes) {
		this.changes = changes;
		this.notifications = notifications;
		this.jdbc = jdbc;
		this.leads = leads;
		this.activities = activities;
		this.rules = rules;
		this.tasks = tasks;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
		this.entityManager = entityManager;
	}

	/**
	 * Creates a lead. Without an owner the assignment rules choose one; when none
	 * matches, a user creating it by hand owns it (system captures stay unassigned for an
	 * admin to route).
	 */
	@Transactional
	public long create(LeadCommand cmd, Visibility visibility) {
		Lead.validate(cmd);
		Long owner = cmd.ownerId();
		if (owner != null) {
			requireAssignable(owner, visibility);
		}
		else {
			owner = rules.assign(cmd.country(), cmd.industry(), cmd.source()).orElse(Actor.currentIdOrNull());
		}
		Lead lead = leads.saveAndFlush(new Lead(cmd, owner));
		long id = lead.getId();
		audit.created(AUDIT_TYPE, id);
		notifyOwner(lead);
		events.publishEvent(new LeadCreated(id, lead.email(), lead.source(), lead.campaignId(), lead.company(),
				lead.title(), lead.industry(), lead.country(), lead.companySize(), owner, lead.getCreatedAt()));
		changes.created(WORKFLOW_TYPE, id);
		return id;
	}

	/**
	 * Edits a lead from a form that saw {@code cmd.version()}. No owner given keeps the
	 * current one: an edit never drops a lead out of everyone's view.
	 */
	@Transactional
	public void update(long id, LeadCommand cmd, Visibility visibility) {
		Lead lead = loadForChange(id, visibility);
		lead.checkVersion(cmd.version());
		Lead.validate(cmd);
		Long before = lead.ownerId();
		Long owner = cmd.ownerId() != null ? cmd.ownerId() : before;
		if (!Objects.equals(owner, before)) {
			requireAssignable(owner, visibility);
		}
		var was = lead.snapshot();
		var fieldsBefore = lead.workflowFields();
		if (!lead.edit(cmd, owner)) {
			// Saving is a change even when every field stays: the same copy saved again
			// conflicts.
			entityManager.lock(lead, LockModeType.PESSIMISTIC_FORCE_INCREMENT);
		}
		leads.flush();
		audit.changed(AUDIT_TYPE, id, was, lead.snapshot());
		if (!Objects.equals(owner, before)) {
			notifyOwner(lead);
			events.publishEvent(new LeadOwnerChanged(id, owner));
		}
		changes.updated(WORKFLOW_TYPE, id, fieldsBefore, lead.workflowFields());
	}

	/**
	 * A workflow rule sets one field: the status along its flow (as a person moves it;
	 * disqualifying needs a reason a rule can't give, so it is refused), or company, job
	 * title, industry, country or source. The version moves, the field history and rules
	 * see it as any edit.
	 */
	@Transactional
	public void setFieldByRule(long id, String field, String value) {
		Lead lead = loadForChange(id, Visibility.all());
		var before = lead.workflowFields();
		if ("status".equals(field)) {
			LeadStatus from = lead.status();
			LeadStatus to = LeadStatus.valueOf(value.trim().toUpperCase(Locale.ROOT));
			if (from == to) {
				return;
			}
			Instant now = clock.instant();
			lead.changeStatus(to, null, now);
			activities.add(id, "STATUS", from + " → " + to, null, now);
			audit.changed(AUDIT_TYPE, id, Map.of("status", from.name()), Map.of("status", to.name()));
		}
		else {
			var was = lead.snapshot();
			lead.setByRule(field, value);
			audit.changed(AUDIT_TYPE, id, was, lead.snapshot());
		}
		// A change of nothing is no change (no version, no event).
		if (!before.equals(lead.workflowFields())) {
			leads.flush();
			changes.updated(WORKFLOW_TYPE, id, before, lead.workflowFields());
		}
	}

	/**
	 * A workflow rule gives the lead to another owner (the owner rule checked when the
	 * rule was saved, and again here); the new owner is told.
	 */
	@Transactional
	public void assignByRule(long id, long ownerId) {
		Lead lead = loadForChange(id, Visibility.all());
		if (Objects.equals(lead.ownerId(), ownerId)) {
			return;
		}
		requireAssignable(ownerId, Visibility.all());
		var was = lead.snapshot();
		var before = lead.workflowFields();
		lead.giveTo(ownerId);
		leads.flush();
		audit.changed(AUDIT_TYPE, id, was, lead.snapshot());
		notifyOwner(lead);
		events.publishEvent(new LeadOwnerChanged(id, ownerId));
		changes.updated(WORKFLOW_TYPE, id, before, lead.workflowFields());
	}

	/** Tells workflow rules a lead changed (conversion, in its own class). */
	void reportChange(long id, Map<String, String> before, Map<String, String> after) {
		changes.updated(WORKFLOW_TYPE, id, before, after);
	}

	/**
	 * Removes a lead an import created, when the import is reverted, with what it brought
	 * along: its activities, the tasks about it (the assignee's follow-ups, marketing's
	 * MQL task), the notifications about it (the owner's assignment), and — through
	 * {@link LeadRemoved} — marketing's scoring copy. Its audit trail stays (who created
	 * and deleted it). Refused once the lead is converted (the account, contact and deal
	 * stand on it).
	 */
	@Transactional
	public void deleteImported(long id, Visibility visibility) {
		Lead lead = loadForChange(id, visibility);
		if (lead.status() == LeadStatus.CONVERTED) {
			throw new RuleViolationException("lead.import.converted", "The lead has been converted since.");
		}
		leads.delete(lead);
		leads.flush();
		tasks.deleteAbout("lead:" + id);
		notifications.forgetRecord("lead", id);
		audit.deleted(AUDIT_TYPE, id);
		events.publishEvent(new LeadRemoved(id));
	}

	/**
	 * Tells a lead's (new) owner, unless they gave it to themselves: an assignment rule's
	 * round robin or another user's choice.
	 */
	private void notifyOwner(Lead lead) {
		if (lead.ownerId() != null) {
			notifications.notify(Notification
				.to(lead.ownerId(), NotificationKind.ASSIGNMENT, "notification.assigned.lead", lead.label())
				.about("lead", lead.getId()));
		}
	}

	/**
	 * Moves a lead along its status flow ({@link Lead#changeStatus}); conversion has its
	 * own action.
	 */
	@Transactional
	public void changeStatus(long id, long version, LeadStatus status, String reason, Visibility visibility) {
		Lead lead = loadForChange(id, visibility);
		lead.checkVersion(version);
		LeadStatus from = lead.status();
		var before = lead.workflowFields();
		Instant now = clock.instant();
		lead.changeStatus(status, reason, now);
		leads.flush();
		activities.add(id, "STATUS", from + " → " + status, Lead.trimmed(reason), now);
		audit.changed(AUDIT_TYPE, id, Map.of("status", from.name()), Map.of("status", status.name()));
		changes.updated(WORKFLOW_TYPE, id, before, lead.workflowFields());
	}

	/**
	 * Logs a call, meeting, note or e-mail on the lead, and schedules its follow-up task
	 * if asked.
	 */
	@Transactional
	public void logActivity(long id, LogLeadActivity cmd, Visibility visibility) {
		Lead lead = loadForChange(id, visibility);
		String kind = cmd.kind() == null ? "" : cmd.kind().toUpperCase(Locale.ROOT);
		if (!LOGGABLE.contains(kind)) {
			throw new RuleViolationException("lead.activity.kind.invalid", "Log a call, meeting, e-mail or note.");
		}
		if (cmd.subject() == null || cmd.subject().isBlank() || cmd.subject().length() > 300) {
			throw new RuleViolationException("lead.activity.subject.invalid",
					"An activity needs a subject (at most 300 characters).");
		}
		Instant now = clock.instant();
		activities.add(id, kind, cmd.subject().trim(), Lead.trimmed(cmd.body()), now);
		var before = lead.workflowFields();
		lead.touch(now);
		leads.flush();
		changes.updated(WORKFLOW_TYPE, id, before, lead.workflowFields());
		if (cmd.followUpAt() != null) {
			Long assignee = lead.ownerId() != null ? lead.ownerId() : Actor.currentIdOrNull();
			if (assignee == null) {
				throw new RuleViolationException("lead.followUp.noAssignee",
						"Give the lead an owner before scheduling a follow-up.");
			}
			// The rep's own title, else the application's, in the assignee's language.
			tasks.create(Lead.trimmed(cmd.followUpTitle()) == null
					? CreateTask.generated(TimelineText.of("task.lead.followUp", lead.fullName()), null,
							cmd.followUpAt(), assignee, null, null, "lead:" + id)
					: new CreateTask(cmd.followUpTitle().trim(), null, cmd.followUpAt(), assignee, null, null,
							"lead:" + id));
		}
	}

	/**
	 * Stores marketing's score on the lead (an unknown lead is ignored: it may have been
	 * removed) and tells workflow rules when the score moved, so "score changed" rules
	 * fire on marketing's scoring too.
	 */
	@Transactional
	public void applyScore(long leadId, int score, boolean mql) {
		Lead lead = leads.findById(leadId).orElse(null);
		if (lead == null) {
			return;
		}
		Map<String, String> before = lead.workflowFields();
		leads.applyScore(leadId, score, mql, clock.instant());
		if (lead.score() != score) {
			Map<String, String> after = new HashMap<>(before);
			after.put("score", Integer.toString(score));
			changes.updated(WORKFLOW_TYPE, leadId, before, after);
		}
	}

	/**
	 * A capture from outside sales: updates the open lead with the same e-mail (filling
	 * what it lacks and noting the new touch) or creates a new one.
	 */
	@Transactional
	public long capture(LeadCommand cmd, String message) {
		String email = Lead.trimmed(cmd.email());
		if (email != null) {
			// Captures arrive concurrently (two form posts, two nodes): serialise per
			// address so the second one finds the first one's lead instead of creating a
			// twin.
			jdbc.sql("select pg_advisory_xact_lock(7302, hashtext(lower(?)))").param(email).query().singleRow();
			var existing = leads.findByEmailForChange(email, OPEN, Limit.of(1));
			if (!existing.isEmpty()) {
				Lead lead = existing.get(0);
				Instant now = clock.instant();
				var before = lead.workflowFields();
				lead.recapture(cmd, now);
				leads.flush();
				changes.updated(WORKFLOW_TYPE, lead.getId(), before, lead.workflowFields());
				String detail = Lead.trimmed(cmd.sourceDetail());
				activities.add(lead.getId(), "NOTE",
						"Captured again: " + cmd.source() + (detail == null ? "" : " (" + detail + ")"),
						Lead.trimmed(message), now);
				return lead.getId();
			}
		}
		long id = create(cmd, Visibility.all());
		if (Lead.trimmed(message) != null) {
			activities.add(id, "NOTE", "Message with the capture", message.trim(), clock.instant());
		}
		return id;
	}

	/**
	 * Loads a lead to change, locked, after checking the user may see it.
	 * @throws NotFoundException for an unknown lead or one outside {@code visibility}
	 */
	Lead loadForChange(long id, Visibility visibility) {
		Lead lead = leads.findForChange(id).orElseThrow(() -> new NotFoundException("Lead", id));
		Scopes.requireVisible(jdbc, visibility, lead.ownerId(), "Lead", id);
		return lead;
	}

	/** An owner must be an enabled user the current one may give records to. */
	private void requireAssignable(long userId, Visibility visibility) {
		if (jdbc.sql("select count(*) from users where id = ? and enabled")
			.param(userId)
			.query(Long.class)
			.single() == 0) {
			throw new RuleViolationException("lead.owner.unknown", "There is no such user.");
		}
		Scopes.requireAssignable(jdbc, visibility, userId);
	}

}
