package org.opencrm.service.ticket;

import java.time.Instant;
import org.opencrm.core.notification.Notification;
import org.opencrm.core.notification.NotificationKind;
import org.opencrm.core.notification.Notifications;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.timeline.InteractionKind;
import org.opencrm.core.timeline.RecordInteraction;
import org.opencrm.core.timeline.TimelineText;
import org.opencrm.core.timeline.TimelineService;
import org.opencrm.service.TicketResolved;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What every ticket write path shares: a status move with its SLA clock, event and
 * timeline entry, re-planning after a priority change, and the checks that a queue or an
 * agent exists. Package-private: the desk's services ({@link TicketService},
 * {@link TicketActions}, {@link TicketReplies}) are the way in.
 */
@Component
class TicketLifecycle {

	static final String AUDIT_TYPE = "ticket";

	private final TicketRepository tickets;

	private final JdbcClient jdbc;

	private final TimelineService timeline;

	private final ApplicationEventPublisher events;

	private final SlaPlanner sla;

	private final Notifications notifications;

	TicketLifecycle(TicketRepository tickets, JdbcClient jdbc, TimelineService timeline,
			ApplicationEventPublisher events, SlaPlanner sla, Notifications notifications) {
		this.tickets = tickets;
		this.notifications = notifications;
		this.jdbc = jdbc;
		this.timeline = timeline;
		this.events = events;
		this.sla = sla;
	}

	/**
	 * Tells the ticket's agent it is theirs now (not when they took it themselves); call
	 * after an assignment changed.
	 */
	void notifyAssignee(Ticket ticket) {
		if (ticket.getAssigneeId() != null) {
			notifications.notify(
					Notification
						.to(ticket.getAssigneeId(), NotificationKind.ASSIGNMENT, "notification.assigned.ticket",
								ticket.getNumber(), ticket.getSubject())
						.about("ticket", ticket.getId()));
		}
	}

	Ticket load(long ticketId) {
		return tickets.findById(ticketId).orElseThrow(() -> new NotFoundException("Ticket", ticketId));
	}

	void transition(Ticket ticket, TicketStatus next, Instant now) {
		if (!ticket.getStatus().canMoveTo(next)) {
			ticket.moveTo(next, now); // throws the rule violation
		}
		if (ticket.getStatus() == TicketStatus.PENDING_CUSTOMER && ticket.getSlaPausedAt() != null) {
			long paused = sla.businessMinutesBetween(ticket.getSlaPolicyId(), ticket.getSlaPausedAt(), now);
			ticket.resumeSla(paused, sla.plan(ticket.getPriority(), ticket.getAccountId(), ticket.getOpenedAt(),
					ticket.getSlaPausedMinutes() + paused));
		}
		TicketStatus before = ticket.getStatus();
		ticket.moveTo(next, now);
		if (next == TicketStatus.RESOLVED) {
			String queueName = ticket.getQueueId() == null ? null
					: jdbc.sql("select name from service_queues where id = ?")
						.param(ticket.getQueueId())
						.query(String.class)
						.single();
			events.publishEvent(
					new TicketResolved(ticket.getId(), ticket.getNumber(), ticket.getSubject(), ticket.getContactId(),
							ticket.getAccountId(), ticket.getAssigneeId(), ticket.getQueueId(), queueName, now));
			onTimeline(ticket, now,
					TimelineText.of("timeline.ticket.resolved", ticket.getNumber(), ticket.getSubject()), null);
		}
		else {
			onTimeline(ticket, now,
					TimelineText.of("timeline.ticket.status", ticket.getNumber(),
							TimelineText.label("ticket.status." + before.name()),
							TimelineText.label("ticket.status." + next.name())),
					null);
		}
	}

	void replan(Ticket ticket) {
		ticket.applyPlan(sla.plan(ticket.getPriority(), ticket.getAccountId(), ticket.getOpenedAt(),
				ticket.getSlaPausedMinutes()));
	}

	void onTimeline(Ticket ticket, Instant at, TimelineText subject, String body) {
		if (ticket.getContactId() == null && ticket.getAccountId() == null) {
			return;
		}
		timeline.record(new RecordInteraction(InteractionKind.TICKET, at, ticket.getAccountId(), ticket.getContactId(),
				subject, TimelineText.quote(truncate(body, 2000)), "service", "ticket:" + ticket.getId()));
	}

	void requireQueue(Long queueId) {
		if (queueId != null && jdbc.sql("select count(*) from service_queues where id = ?")
			.param(queueId)
			.query(Long.class)
			.single() == 0) {
			throw new NotFoundException("Queue", queueId);
		}
	}

	void requireAgent(Long userId) {
		if (userId != null && jdbc.sql("select count(*) from users where id = ? and enabled and role <> 'CUSTOMER'")
			.param(userId)
			.query(Long.class)
			.single() == 0) {
			throw new NotFoundException("User", userId);
		}
	}

	static String truncate(String s, int max) {
		return s == null || s.length() <= max ? s : s.substring(0, max);
	}

}
