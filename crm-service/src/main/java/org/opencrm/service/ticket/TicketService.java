package org.opencrm.service.ticket;

import static org.opencrm.service.ticket.TicketLifecycle.truncate;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.opencrm.core.timeline.TimelineText;
import org.opencrm.core.access.AccountAccess;
import org.opencrm.core.audit.AuditTrail;
import org.opencrm.core.contact.ContactCommand;
import org.opencrm.core.contact.ContactService;
import org.opencrm.core.contact.ContactLookup;
import org.opencrm.core.shared.EmailAddress;
import org.opencrm.core.shared.LifecycleStage;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.References;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.user.Visibility;
import org.opencrm.core.workflow.RecordChanges;
import org.opencrm.service.ticket.TicketRouting.Route;
import org.opencrm.service.ticket.TicketRouting.RoutingRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opens tickets: finds or creates the customer from an e-mail, routes the ticket, plans
 * its SLA and writes the description as the conversation's first message. The rest of the
 * desk: {@link TicketReplies} (the conversation), {@link TicketActions} (status,
 * assignment, edits, merge) and {@link TicketLookup} (reading a ticket).
 */
@Service
public class TicketService {

	private final TicketRepository tickets;

	private final JdbcClient jdbc;

	private final ContactService contacts;

	private final ContactLookup contactLookup;

	private final AuditTrail audit;

	private final TicketRouting routing;

	private final SlaPlanner sla;

	private final Clock clock;

	private final AccountAccess access;

	private final TicketLifecycle lifecycle;

	private final TicketMessages messages;

	private final RecordChanges changes;

	TicketService(TicketRepository tickets, JdbcClient jdbc, ContactService contacts, ContactLookup contactLookup,
			AuditTrail audit, TicketRouting routing, SlaPlanner sla, Clock clock, AccountAccess access,
			TicketLifecycle lifecycle, TicketMessages messages, RecordChanges changes) {
		this.tickets = tickets;
		this.changes = changes;
		this.jdbc = jdbc;
		this.contacts = contacts;
		this.contactLookup = contactLookup;
		this.audit = audit;
		this.routing = routing;
		this.sla = sla;
		this.clock = clock;
		this.access = access;
		this.lifecycle = lifecycle;
		this.messages = messages;
	}

	/**
	 * A staff member opens a ticket for a customer they may see ({@link AccountAccess}):
	 * a contact or account outside their view is a {@link NotFoundException}, exactly as
	 * one that doesn't exist. Agents and admins see every customer. A customer found by
	 * e-mail address is not checked: the address finds the person however they are owned,
	 * as mail to the service desk does.
	 */
	@Transactional
	public OpenedTicket open(OpenTicket cmd, Visibility visibility) {
		access.requireCustomer(cmd.accountId(), cmd.contactId(), visibility);
		return open(cmd);
	}

	/**
	 * Opens a ticket: finds or creates the customer, routes it (unless queue or assignee
	 * are given), plans its SLA, and writes the description as the conversation's first
	 * message. For the customer's own channels (portal, mail); staff use
	 * {@link #open(OpenTicket, Visibility)}.
	 */
	@Transactional
	public OpenedTicket open(OpenTicket cmd) {
		if (cmd.subject() == null || cmd.subject().isBlank()) {
			throw new RuleViolationException("ticket.subject.required", "A ticket needs a subject.");
		}
		if (cmd.subject().strip().length() > 300) {
			throw new RuleViolationException("ticket.subject.tooLong", "The subject is longer than 300 characters.");
		}
		AttachmentRules.check(cmd.attachments());
		Long contactId = customerOf(cmd);
		Long accountId = cmd.accountId();
		if (accountId != null) {
			References.requireAccount(jdbc, accountId);
		}
		else if (contactId != null) {
			accountId = References.accountOfContact(jdbc, contactId);
		}
		lifecycle.requireQueue(cmd.queueId());
		lifecycle.requireAgent(cmd.assigneeId());
		Long queueId = cmd.queueId();
		Long assigneeId = cmd.assigneeId();
		if (queueId == null && assigneeId == null) {
			Route route = routing
				.route(new RoutingRequest(cmd.type() == null ? TicketType.INFORMATION_REQUEST : cmd.type(),
						cmd.priority() == null ? TicketPriority.NORMAL : cmd.priority(),
						cmd.channel() == null ? TicketChannel.PORTAL : cmd.channel(), accountId, cmd.subject(),
						cmd.description()));
			queueId = route.queueId();
			assigneeId = route.assigneeId();
		}
		Instant now = clock.instant();
		long seq = jdbc.sql("select nextval('ticket_number_seq')").query(Long.class).single();
		Ticket ticket = new Ticket("T-%06d".formatted(seq), cmd, contactId, accountId, queueId, assigneeId, now);
		ticket.applyPlan(sla.plan(ticket.getPriority(), accountId, now, 0));
		ticket = tickets.saveAndFlush(ticket);
		boolean hasDescription = cmd.description() != null && !cmd.description().isBlank();
		if (hasDescription || !cmd.attachments().isEmpty()) {
			ReplyAuthor author = contactId != null ? ReplyAuthor.customer(contactId) : ReplyAuthor.system();
			messages.insert(ticket.getId(), author, hasDescription ? cmd.description() : "", false, cmd.externalRef(),
					cmd.attachments(), now);
		}
		audit.created(TicketLifecycle.AUDIT_TYPE, ticket.getId());
		lifecycle.notifyAssignee(ticket);
		lifecycle.onTimeline(ticket, now,
				TimelineText.of("timeline.ticket.opened", ticket.getNumber(), ticket.getSubject()), cmd.description());
		changes.created(TicketWorkflow.TYPE, ticket.getId());
		return new OpenedTicket(ticket.getId(), ticket.getNumber());
	}

	private Long customerOf(OpenTicket cmd) {
		if (cmd.contactId() != null) {
			References.accountOfContact(jdbc, cmd.contactId());
			return cmd.contactId();
		}
		String email = cmd.senderEmail() == null ? "" : cmd.senderEmail().strip();
		if (email.isEmpty()) {
			return null;
		}
		if (!EmailAddress.isValid(email)) {
			throw new RuleViolationException("ticket.senderEmail.invalid", "The sender's e-mail address is not valid.");
		}
		Optional<Long> known = contactLookup.findByPhoneOrEmail(email);
		if (known.isPresent()) {
			return known.get();
		}
		String name = cmd.senderName() == null || cmd.senderName().isBlank() ? email.substring(0, email.indexOf('@'))
				: cmd.senderName().strip();
		int space = name.lastIndexOf(' ');
		String first = space > 0 ? name.substring(0, space) : name;
		String last = space > 0 ? name.substring(space + 1) : "";
		return contacts.create(new ContactCommand(truncate(first, 100), truncate(last, 100), null, email, null, null,
				null, null, null, null, null, LifecycleStage.CUSTOMER, null, List.of(), false, false, 0));
	}

}
