package org.opencrm.service.ticket;

import java.time.Clock;
import java.time.Instant;
import org.opencrm.core.audit.AuditTrail;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.timeline.TimelineText;
import org.opencrm.service.ticket.TicketRouting.Route;
import org.opencrm.service.ticket.TicketRouting.RoutingRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What agents (and the desk's own jobs) do to a ticket: move it through its statuses,
 * assign or claim it, change its priority or details, route it again, merge a duplicate.
 * Each change is audited; a resolved ticket publishes
 * {@link org.opencrm.service.TicketResolved}.
 */
@Service
public class TicketActions {

	private static final String AUDIT_TYPE = TicketLifecycle.AUDIT_TYPE;

	private final TicketRepository tickets;

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	private final TicketRouting routing;

	private final TicketLifecycle lifecycle;

	private final TicketMessages messages;

	private final Clock clock;

	TicketActions(TicketRepository tickets, JdbcClient jdbc, AuditTrail audit, TicketRouting routing,
			TicketLifecycle lifecycle, TicketMessages messages, Clock clock) {
		this.tickets = tickets;
		this.jdbc = jdbc;
		this.audit = audit;
		this.routing = routing;
		this.lifecycle = lifecycle;
		this.messages = messages;
		this.clock = clock;
	}

	/**
	 * Moves a ticket to another status if the rules allow it ({@code expectedVersion}
	 * null: don't compare, for system work). Leaving PENDING_CUSTOMER restarts the SLA
	 * clock, shifted by the paused business time.
	 */
	@Transactional
	public void changeStatus(long ticketId, TicketStatus status, Long expectedVersion) {
		Ticket ticket = lifecycle.load(ticketId);
		if (expectedVersion != null) {
			ticket.checkVersion(expectedVersion);
		}
		if (status == ticket.getStatus()) {
			return;
		}
		var before = ticket.snapshot();
		lifecycle.transition(ticket, status, clock.instant());
		audit.changed(AUDIT_TYPE, ticketId, before, ticket.snapshot());
		tickets.flush();
	}

	/** Assigns a ticket (null: unassign); a NEW ticket given to someone becomes OPEN. */
	@Transactional
	public void assign(long ticketId, Long assigneeId, Long expectedVersion) {
		lifecycle.requireAgent(assigneeId);
		Ticket ticket = tickets.findForUpdate(ticketId).orElseThrow(() -> new NotFoundException("Ticket", ticketId));
		if (expectedVersion != null) {
			ticket.checkVersion(expectedVersion);
		}
		assignLocked(ticket, assigneeId);
	}

	/** Takes an unassigned ticket (or one already mine); someone else's is refused. */
	@Transactional
	public void claim(long ticketId, long userId) {
		Ticket ticket = tickets.findForUpdate(ticketId).orElseThrow(() -> new NotFoundException("Ticket", ticketId));
		if (ticket.getAssigneeId() != null && ticket.getAssigneeId() != userId) {
			throw new RuleViolationException("ticket.claim.taken", "Someone else already works on this ticket.");
		}
		if (!ticket.getStatus().isActive()) {
			throw new RuleViolationException("ticket.claim.inactive", "Resolved and closed tickets can't be claimed.");
		}
		assignLocked(ticket, userId);
	}

	private void assignLocked(Ticket ticket, Long assigneeId) {
		var before = ticket.snapshot();
		Long assigneeBefore = ticket.getAssigneeId();
		ticket.assignTo(assigneeId);
		if (!java.util.Objects.equals(assigneeBefore, assigneeId)) {
			lifecycle.notifyAssignee(ticket);
		}
		if (assigneeId != null && ticket.getStatus() == TicketStatus.NEW) {
			lifecycle.transition(ticket, TicketStatus.OPEN, clock.instant());
		}
		audit.changed(AUDIT_TYPE, ticket.getId(), before, ticket.snapshot());
		tickets.flush();
	}

	/**
	 * Changes the priority (re-planning the SLA); the bulk action and the escalation use
	 * it.
	 */
	@Transactional
	public void changePriority(long ticketId, TicketPriority priority, Long expectedVersion) {
		Ticket ticket = lifecycle.load(ticketId);
		if (expectedVersion != null) {
			ticket.checkVersion(expectedVersion);
		}
		if (ticket.getPriority() == priority) {
			return;
		}
		var before = ticket.snapshot();
		ticket.changePriority(priority);
		lifecycle.replan(ticket);
		audit.changed(AUDIT_TYPE, ticketId, before, ticket.snapshot());
		tickets.flush();
	}

	/** Edits the details panel's fields. */
	@Transactional
	public void update(long ticketId, UpdateTicket cmd) {
		if (cmd.subject() == null || cmd.subject().isBlank()) {
			throw new RuleViolationException("ticket.subject.required", "A ticket needs a subject.");
		}
		if (cmd.type() == null || cmd.priority() == null) {
			throw new RuleViolationException("ticket.typeAndPriority.required", "Type and priority are required.");
		}
		Ticket ticket = lifecycle.load(ticketId);
		ticket.checkVersion(cmd.version());
		lifecycle.requireQueue(cmd.queueId());
		var before = ticket.snapshot();
		TicketPriority priorityBefore = ticket.getPriority();
		ticket.edit(cmd);
		if (priorityBefore != ticket.getPriority()) {
			lifecycle.replan(ticket);
		}
		audit.changed(AUDIT_TYPE, ticketId, before, ticket.snapshot());
		tickets.flush();
	}

	/**
	 * Applies the routing rules again (the "re-route" button); keeps the ticket as it is
	 * when none match.
	 */
	@Transactional
	public boolean reroute(long ticketId) {
		Ticket ticket = lifecycle.load(ticketId);
		Route route = routing.route(new RoutingRequest(ticket.getType(), ticket.getPriority(), ticket.getChannel(),
				ticket.getAccountId(), ticket.getSubject(), ticket.getDescription()));
		if (route.queueId() == null && route.assigneeId() == null) {
			return false;
		}
		var before = ticket.snapshot();
		Long assigneeBefore = ticket.getAssigneeId();
		ticket.routeTo(route.queueId() != null ? route.queueId() : ticket.getQueueId(), route.assigneeId());
		if (!java.util.Objects.equals(assigneeBefore, ticket.getAssigneeId())) {
			lifecycle.notifyAssignee(ticket);
		}
		audit.changed(AUDIT_TYPE, ticketId, before, ticket.snapshot());
		tickets.flush();
		return true;
	}

	/**
	 * Merges a duplicate into another ticket: the duplicate's conversation moves over,
	 * and it is closed with a link to the ticket it went into.
	 */
	@Transactional
	public void merge(long sourceId, long targetId, Long actorId) {
		if (sourceId == targetId) {
			throw new RuleViolationException("ticket.merge.self", "A ticket can't be merged into itself.");
		}
		Ticket source = lifecycle.load(sourceId);
		Ticket target = lifecycle.load(targetId);
		if (target.getStatus() == TicketStatus.CLOSED) {
			throw new RuleViolationException("ticket.merge.targetClosed", "Tickets can't be merged into a closed one.");
		}
		Instant now = clock.instant();
		var before = source.snapshot();
		source.closeAsMergedInto(targetId, now);
		jdbc.sql("update ticket_messages set ticket_id = ? where ticket_id = ?").params(targetId, sourceId).update();
		jdbc.sql("update ticket_attachments set ticket_id = ? where ticket_id = ?").params(targetId, sourceId).update();
		ReplyAuthor author = actorId == null ? ReplyAuthor.system() : ReplyAuthor.agent(actorId);
		messages.insertNote(targetId, author,
				TimelineText.of("ticket.note.merged", source.getNumber(), source.getSubject()), now);
		messages.insertNote(sourceId, author, TimelineText.of("ticket.note.mergedInto", target.getNumber()), now);
		audit.changed(AUDIT_TYPE, sourceId, before, source.snapshot());
		tickets.flush();
	}

}
