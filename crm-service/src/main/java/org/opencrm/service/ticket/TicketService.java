package org.opencrm.service.ticket;

import static org.opencrm.core.shared.Rows.instantOrNull;
import static org.opencrm.core.shared.Rows.longOrNull;
import static org.opencrm.core.shared.Rows.textArray;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencrm.core.access.AccountAccess;
import org.opencrm.core.audit.AuditTrail;
import org.opencrm.core.contact.ContactCommand;
import org.opencrm.core.contact.ContactService;
import org.opencrm.core.shared.EmailAddress;
import org.opencrm.core.shared.LifecycleStage;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.References;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.timeline.InteractionKind;
import org.opencrm.core.timeline.RecordInteraction;
import org.opencrm.core.timeline.TimelineText;
import org.opencrm.core.timeline.TimelineService;
import org.opencrm.core.user.Visibility;
import org.opencrm.service.TicketResolved;
import org.opencrm.service.ticket.TicketRouting.Route;
import org.opencrm.service.ticket.TicketRouting.RoutingRequest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ticket desk's public API: open tickets (finding or creating the customer from an
 * e-mail), add replies and internal notes with attachments, move tickets through their
 * statuses, assign, edit, merge duplicates, and read a ticket with its conversation.
 * Every customer-facing event lands on the customer's timeline; a resolved ticket
 * publishes {@link TicketResolved}.
 */
@Service
public class TicketService {

	static final String AUDIT_TYPE = "ticket";

	private static final int MAX_BODY = 100_000;

	private final TicketRepository tickets;

	private final JdbcClient jdbc;

	private final ContactService contacts;

	private final TimelineService timeline;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	private final TicketRouting routing;

	private final SlaPlanner sla;

	private final Clock clock;

	private final AccountAccess access;

	TicketService(TicketRepository tickets, JdbcClient jdbc, ContactService contacts, TimelineService timeline,
			AuditTrail audit, ApplicationEventPublisher events, TicketRouting routing, SlaPlanner sla, Clock clock,
			AccountAccess access) {
		this.access = access;
		this.tickets = tickets;
		this.jdbc = jdbc;
		this.contacts = contacts;
		this.timeline = timeline;
		this.audit = audit;
		this.events = events;
		this.routing = routing;
		this.sla = sla;
		this.clock = clock;
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
		requireQueue(cmd.queueId());
		requireAgent(cmd.assigneeId());
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
			insertMessage(ticket.getId(), author, hasDescription ? cmd.description() : "", false, cmd.externalRef(),
					cmd.attachments(), now);
		}
		audit.created(AUDIT_TYPE, ticket.getId());
		onTimeline(ticket, now, TimelineText.of("timeline.ticket.opened", ticket.getNumber(), ticket.getSubject()),
				cmd.description());
		return new OpenedTicket(ticket.getId(), ticket.getNumber());
	}

	/**
	 * Adds a public reply or an internal note. The first public agent reply meets (or
	 * misses) the first-response target; a customer's reply reopens a ticket waiting on
	 * them or resolved. Nothing is written when an attachment is refused.
	 * @return the new message's id
	 */
	@Transactional
	public long addReply(long ticketId, AddReply reply) {
		if (reply.body() == null || reply.body().isBlank()) {
			throw new RuleViolationException("ticket.reply.required", "A reply needs some text.");
		}
		if (reply.body().length() > MAX_BODY) {
			throw new RuleViolationException("ticket.reply.tooLong", "The reply is too long.");
		}
		if (reply.internal() && reply.author().kind() == ReplyAuthor.Kind.CUSTOMER) {
			throw new RuleViolationException("ticket.reply.customerNote", "Customers can't write internal notes.");
		}
		AttachmentRules.check(reply.attachments());
		Ticket ticket = load(ticketId);
		if (ticket.getStatus() == TicketStatus.CLOSED) {
			throw new RuleViolationException("ticket.closed", "The ticket is closed; open a new one.");
		}
		Instant now = clock.instant();
		ReplyAuthor author = reply.author();
		if (author.kind() == ReplyAuthor.Kind.CUSTOMER && author.contactId() == null) {
			author = ReplyAuthor.customer(ticket.getContactId());
		}
		long messageId = insertMessage(ticketId, author, reply.body(), reply.internal(), reply.externalRef(),
				reply.attachments(), now);
		if (!reply.internal()) {
			if (author.kind() == ReplyAuthor.Kind.AGENT) {
				ticket.markFirstResponse(now);
				if (ticket.getStatus() == TicketStatus.NEW) {
					transition(ticket, TicketStatus.OPEN, now);
				}
				onTimeline(ticket, now,
						TimelineText.of("timeline.ticket.reply", ticket.getNumber(), ticket.getSubject()),
						reply.body());
			}
			else if (author.kind() == ReplyAuthor.Kind.CUSTOMER) {
				if (ticket.getStatus() == TicketStatus.PENDING_CUSTOMER
						|| ticket.getStatus() == TicketStatus.RESOLVED) {
					transition(ticket, TicketStatus.OPEN, now);
				}
				onTimeline(ticket, now,
						TimelineText.of("timeline.ticket.customerWrote", ticket.getNumber(), ticket.getSubject()),
						reply.body());
			}
		}
		tickets.flush();
		events.publishEvent(new TicketMessageAdded(ticketId, messageId, author.kind(), reply.internal()));
		return messageId;
	}

	/**
	 * Moves a ticket to another status if the rules allow it ({@code expectedVersion}
	 * null: don't compare, for system work). Leaving PENDING_CUSTOMER restarts the SLA
	 * clock, shifted by the paused business time.
	 */
	@Transactional
	public void changeStatus(long ticketId, TicketStatus status, Long expectedVersion) {
		Ticket ticket = load(ticketId);
		if (expectedVersion != null) {
			ticket.checkVersion(expectedVersion);
		}
		if (status == ticket.getStatus()) {
			return;
		}
		var before = ticket.snapshot();
		transition(ticket, status, clock.instant());
		audit.changed(AUDIT_TYPE, ticketId, before, ticket.snapshot());
		tickets.flush();
	}

	/** Assigns a ticket (null: unassign); a NEW ticket given to someone becomes OPEN. */
	@Transactional
	public void assign(long ticketId, Long assigneeId, Long expectedVersion) {
		requireAgent(assigneeId);
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
		ticket.assignTo(assigneeId);
		if (assigneeId != null && ticket.getStatus() == TicketStatus.NEW) {
			transition(ticket, TicketStatus.OPEN, clock.instant());
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
		Ticket ticket = load(ticketId);
		if (expectedVersion != null) {
			ticket.checkVersion(expectedVersion);
		}
		if (ticket.getPriority() == priority) {
			return;
		}
		var before = ticket.snapshot();
		ticket.changePriority(priority);
		replan(ticket);
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
		Ticket ticket = load(ticketId);
		ticket.checkVersion(cmd.version());
		requireQueue(cmd.queueId());
		var before = ticket.snapshot();
		TicketPriority priorityBefore = ticket.getPriority();
		ticket.edit(cmd);
		if (priorityBefore != ticket.getPriority()) {
			replan(ticket);
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
		Ticket ticket = load(ticketId);
		Route route = routing.route(new RoutingRequest(ticket.getType(), ticket.getPriority(), ticket.getChannel(),
				ticket.getAccountId(), ticket.getSubject(), ticket.getDescription()));
		if (route.queueId() == null && route.assigneeId() == null) {
			return false;
		}
		var before = ticket.snapshot();
		ticket.routeTo(route.queueId() != null ? route.queueId() : ticket.getQueueId(), route.assigneeId());
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
		Ticket source = load(sourceId);
		Ticket target = load(targetId);
		if (target.getStatus() == TicketStatus.CLOSED) {
			throw new RuleViolationException("ticket.merge.targetClosed", "Tickets can't be merged into a closed one.");
		}
		Instant now = clock.instant();
		var before = source.snapshot();
		source.closeAsMergedInto(targetId, now);
		jdbc.sql("update ticket_messages set ticket_id = ? where ticket_id = ?").params(targetId, sourceId).update();
		jdbc.sql("update ticket_attachments set ticket_id = ? where ticket_id = ?").params(targetId, sourceId).update();
		ReplyAuthor author = actorId == null ? ReplyAuthor.system() : ReplyAuthor.agent(actorId);
		insertMessage(targetId, author,
				"Merged " + source.getNumber() + " (" + source.getSubject() + ") into this ticket.", true, null,
				List.of(), now);
		insertMessage(sourceId, author, "Merged into " + target.getNumber() + ".", true, null, List.of(), now);
		audit.changed(AUDIT_TYPE, sourceId, before, source.snapshot());
		tickets.flush();
	}

	@Transactional(readOnly = true)
	public Optional<Long> idByNumber(String number) {
		if (number == null || number.isBlank()) {
			return Optional.empty();
		}
		return jdbc.sql("select id from tickets where number = ?")
			.param(number.strip().toUpperCase())
			.query(Long.class)
			.optional();
	}

	/**
	 * The ticket a message with this external reference (e.g. an e-mail Message-ID)
	 * belongs to.
	 */
	@Transactional(readOnly = true)
	public Optional<Long> idByMessageRef(String externalRef) {
		if (externalRef == null || externalRef.isBlank()) {
			return Optional.empty();
		}
		return jdbc.sql("select ticket_id from ticket_messages where external_ref = ? order by id limit 1")
			.param(externalRef.strip())
			.query(Long.class)
			.optional();
	}

	/**
	 * The ticket with its customer, SLA times and whole conversation, in three
	 * statements.
	 */
	@Transactional(readOnly = true)
	public TicketDetails details(long ticketId) {
		Map<Long, List<AttachmentInfo>> files = new LinkedHashMap<>();
		jdbc.sql("""
				select id, message_id, filename, content_type, size_bytes from ticket_attachments
				where ticket_id = ? order by id
				""")
			.param(ticketId)
			.query(AttachmentInfo.class)
			.list()
			.forEach(a -> files.computeIfAbsent(a.messageId(), k -> new ArrayList<>()).add(a));
		RowMapper<TicketMessageView> messageMapper = (rs, n) -> new TicketMessageView(rs.getLong("id"),
				ReplyAuthor.Kind.valueOf(rs.getString("author_kind")), longOrNull(rs, "author_id"),
				longOrNull(rs, "author_contact_id"), rs.getString("author_name"), rs.getString("body"),
				rs.getBoolean("internal"), rs.getString("external_ref"), instantOrNull(rs, "created_at"),
				files.getOrDefault(rs.getLong("id"), List.of()));
		List<TicketMessageView> conversation = jdbc.sql("""
				select m.*, coalesce(u.full_name, c.first_name || ' ' || c.last_name) as author_name
				from ticket_messages m
				left join users u on u.id = m.author_id
				left join contacts c on c.id = m.author_contact_id
				where m.ticket_id = ? order by m.created_at, m.id
				""").param(ticketId).query(messageMapper).list();
		return jdbc.sql("""
				select t.*, c.first_name || ' ' || c.last_name as contact_name, c.first_name as contact_first_name,
				       c.email as contact_email, a.name as account_name, u.full_name as assignee_name,
				       q.name as queue_name, m.number as merged_into_number, p.name as sla_policy_name
				from tickets t
				left join contacts c on c.id = t.contact_id
				left join accounts a on a.id = t.account_id
				left join users u on u.id = t.assignee_id
				left join service_queues q on q.id = t.queue_id
				left join tickets m on m.id = t.merged_into_id
				left join sla_policies p on p.id = t.sla_policy_id
				where t.id = ?
				""")
			.param(ticketId)
			.query((rs, n) -> new TicketDetails(rs.getLong("id"), rs.getString("number"), rs.getString("subject"),
					rs.getString("description"), TicketType.valueOf(rs.getString("type")),
					TicketPriority.valueOf(rs.getString("priority")), TicketStatus.valueOf(rs.getString("status")),
					TicketChannel.valueOf(rs.getString("channel")), longOrNull(rs, "contact_id"),
					rs.getString("contact_name"), rs.getString("contact_first_name"), rs.getString("contact_email"),
					longOrNull(rs, "account_id"), rs.getString("account_name"), longOrNull(rs, "assignee_id"),
					rs.getString("assignee_name"), longOrNull(rs, "queue_id"), rs.getString("queue_name"),
					textArray(rs, "tags"), rs.getString("order_reference"), rs.getString("product_reference"),
					rs.getString("return_status") == null ? null : ReturnStatus.valueOf(rs.getString("return_status")),
					longOrNull(rs, "merged_into_id"), rs.getString("merged_into_number"),
					rs.getString("sla_policy_name"), instantOrNull(rs, "opened_at"),
					instantOrNull(rs, "first_response_warn_at"), instantOrNull(rs, "first_response_due_at"),
					instantOrNull(rs, "first_responded_at"), instantOrNull(rs, "resolution_warn_at"),
					instantOrNull(rs, "resolution_due_at"), instantOrNull(rs, "resolved_at"),
					instantOrNull(rs, "closed_at"), instantOrNull(rs, "sla_paused_at"), rs.getLong("version"),
					instantOrNull(rs, "created_at"), instantOrNull(rs, "updated_at"), conversation))
			.optional()
			.orElseThrow(() -> new NotFoundException("Ticket", ticketId));
	}

	@Transactional(readOnly = true)
	public AttachmentContent attachment(long ticketId, long attachmentId) {
		return jdbc.sql("select filename, content_type, data from ticket_attachments where id = ? and ticket_id = ?")
			.params(attachmentId, ticketId)
			.query((rs, n) -> new AttachmentContent(rs.getString("filename"), rs.getString("content_type"),
					rs.getBytes("data")))
			.optional()
			.orElseThrow(() -> new NotFoundException("Attachment", attachmentId));
	}

	private Ticket load(long ticketId) {
		return tickets.findById(ticketId).orElseThrow(() -> new NotFoundException("Ticket", ticketId));
	}

	private void transition(Ticket ticket, TicketStatus next, Instant now) {
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

	private void replan(Ticket ticket) {
		ticket.applyPlan(sla.plan(ticket.getPriority(), ticket.getAccountId(), ticket.getOpenedAt(),
				ticket.getSlaPausedMinutes()));
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
		Optional<Long> known = contacts.findByPhoneOrEmail(email);
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

	private void requireQueue(Long queueId) {
		if (queueId != null && jdbc.sql("select count(*) from service_queues where id = ?")
			.param(queueId)
			.query(Long.class)
			.single() == 0) {
			throw new NotFoundException("Queue", queueId);
		}
	}

	private void requireAgent(Long userId) {
		if (userId != null && jdbc.sql("select count(*) from users where id = ? and enabled and role <> 'CUSTOMER'")
			.param(userId)
			.query(Long.class)
			.single() == 0) {
			throw new NotFoundException("User", userId);
		}
	}

	private long insertMessage(long ticketId, ReplyAuthor author, String body, boolean internal, String externalRef,
			List<NewAttachment> attachments, Instant at) {
		long id = jdbc.sql("""
				insert into ticket_messages (ticket_id, author_kind, author_id, author_contact_id, body, internal,
				                             external_ref, created_at)
				values (?, ?, ?, ?, ?, ?, ?, ?) returning id
				""")
			.params(ticketId, author.kind().name(), author.userId(), author.contactId(), body, internal, externalRef,
					java.sql.Timestamp.from(at))
			.query(Long.class)
			.single();
		for (NewAttachment a : attachments) {
			jdbc.sql("""
					insert into ticket_attachments (message_id, ticket_id, filename, content_type, size_bytes, data)
					values (?, ?, ?, ?, ?, ?)
					""")
				.params(id, ticketId, truncate(a.filename(), 255), truncate(a.contentType(), 150), a.data().length,
						a.data())
				.update();
		}
		return id;
	}

	private void onTimeline(Ticket ticket, Instant at, TimelineText subject, String body) {
		if (ticket.getContactId() == null && ticket.getAccountId() == null) {
			return;
		}
		timeline.record(new RecordInteraction(InteractionKind.TICKET, at, ticket.getAccountId(), ticket.getContactId(),
				subject, TimelineText.quote(truncate(body, 2000)), "service", "ticket:" + ticket.getId()));
	}

	private static String truncate(String s, int max) {
		return s == null || s.length() <= max ? s : s.substring(0, max);
	}

}
