package org.opencrm.web.service.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import org.opencrm.core.shared.ValidEmail;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Visibility;
import org.opencrm.service.ticket.AddReply;
import org.opencrm.service.ticket.OpenTicket;
import org.opencrm.service.ticket.OpenedTicket;
import org.opencrm.service.ticket.ReplyAuthor;
import org.opencrm.service.ticket.TicketChannel;
import org.opencrm.service.ticket.TicketFilter;
import org.opencrm.service.ticket.TicketList;
import org.opencrm.service.ticket.TicketPriority;
import org.opencrm.service.ticket.TicketLookup;
import org.opencrm.service.ticket.TicketService;
import org.opencrm.service.ticket.TicketReplies;
import org.opencrm.service.ticket.TicketActions;
import org.opencrm.service.ticket.TicketStatus;
import org.opencrm.service.ticket.TicketType;
import org.opencrm.web.api.ApiPage;
import org.opencrm.web.api.Versions;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tickets over JSON: open, list (filters, keyset cursor), get with the conversation,
 * reply, and change status. Errors are problem details (validation 400, rules 422,
 * unknown 404, stale 409).
 */
@RestController
@RequestMapping("/api/v1/tickets")

class TicketApi {

	private final TicketService tickets;

	private final TicketLookup ticketLookup;

	private final TicketReplies ticketReplies;

	private final TicketActions ticketActions;

	private final TicketList list;

	private final Clock clock;

	TicketApi(TicketService tickets, TicketLookup ticketLookup, TicketReplies ticketReplies,
			TicketActions ticketActions, TicketList list, Clock clock) {
		this.tickets = tickets;
		this.ticketLookup = ticketLookup;
		this.ticketReplies = ticketReplies;
		this.ticketActions = ticketActions;
		this.list = list;
		this.clock = clock;
	}

	record CreateTicket(Long contactId, @ValidEmail String senderEmail, @Size(max = 200) String senderName,
			@NotBlank @Size(max = 300) String subject, @Size(max = 100000) String description, TicketChannel channel,
			TicketType type, TicketPriority priority, Long queueId, Long assigneeId, List<@Size(max = 50) String> tags,
			@Size(max = 100) String orderReference, @Size(max = 100) String productReference) {
	}

	record Reply(@NotBlank @Size(max = 100000) String body, Boolean internal) {
	}

	record StatusChange(@NotNull TicketStatus status, Long version) {
	}

	record Created(long id, String number) {
	}

	@PostMapping
	ResponseEntity<TicketJson.Ticket> create(@Valid @RequestBody CreateTicket body,
			@AuthenticationPrincipal CrmUser me) {
		OpenedTicket opened = tickets
			.open(new OpenTicket(body.channel() == null ? TicketChannel.PORTAL : body.channel(), body.contactId(), null,
					body.senderEmail(), body.senderName(), body.subject(), body.description(), body.type(),
					body.priority(), body.queueId(), body.assigneeId(), body.tags(), body.orderReference(),
					body.productReference(), List.of(), null), Visibility.of(me));
		return ResponseEntity.created(URI.create("/api/v1/tickets/" + opened.id()))
			.body(TicketJson.Ticket.of(ticketLookup.details(opened.id()), clock.instant()));
	}

	@GetMapping
	ApiPage<TicketJson.Summary> list(@RequestParam(required = false) TicketStatus status,
			@RequestParam(required = false) TicketPriority priority, @RequestParam(required = false) TicketType type,
			@RequestParam(required = false) Long queue, @RequestParam(required = false) Long assignee,
			@RequestParam(required = false) Long contact, @RequestParam(required = false) Long account,
			@RequestParam(required = false) String tag, @RequestParam(required = false) String cursor,
			@RequestParam(defaultValue = "25") @Min(1) @Max(100) int limit) {
		var page = list.list(new TicketFilter(status, priority, type, queue, assignee, contact, account, tag), cursor,
				limit);
		return new ApiPage<>(page.items().stream().map(TicketJson.Summary::of).toList(), page.nextCursor());
	}

	@GetMapping("/{id}")
	ResponseEntity<TicketJson.Ticket> get(@PathVariable long id) {
		TicketJson.Ticket ticket = TicketJson.Ticket.of(ticketLookup.details(id), clock.instant());
		return Versions.ok(ticket, ticket.version());
	}

	@PostMapping("/{id}/replies")
	ResponseEntity<TicketJson.Ticket> reply(@PathVariable long id, @Valid @RequestBody Reply body,
			@AuthenticationPrincipal CrmUser me) {
		ticketReplies.addReply(id, new AddReply(ReplyAuthor.agent(me.id()), body.body(),
				Boolean.TRUE.equals(body.internal()), List.of(), null));
		return ResponseEntity.status(201).body(TicketJson.Ticket.of(ticketLookup.details(id), clock.instant()));
	}

	@PostMapping("/{id}/status")
	TicketJson.Ticket status(@PathVariable long id, @Valid @RequestBody StatusChange body) {
		ticketActions.changeStatus(id, body.status(), body.version());
		return TicketJson.Ticket.of(ticketLookup.details(id), clock.instant());
	}

}
