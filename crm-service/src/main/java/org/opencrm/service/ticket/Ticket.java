package org.opencrm.service.ticket;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.opencrm.core.shared.BaseEntity;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.service.ticket.SlaPlanner.SlaPlan;

/**
 * A customer's request and its state; status changes go through {@link #moveTo}, which
 * guards the rules.
 */
@Entity
@Table(name = "tickets")
class Ticket extends BaseEntity {

	private String number;

	private String subject;

	private String description;

	@Enumerated(EnumType.STRING)
	private TicketType type;

	@Enumerated(EnumType.STRING)
	private TicketPriority priority;

	@Enumerated(EnumType.STRING)
	private TicketStatus status;

	@Enumerated(EnumType.STRING)
	private TicketChannel channel;

	private Long contactId;

	private Long accountId;

	private Long assigneeId;

	private Long queueId;

	@JdbcTypeCode(SqlTypes.ARRAY)
	private List<String> tags = new ArrayList<>();

	private String orderReference;

	private String productReference;

	@Enumerated(EnumType.STRING)
	private ReturnStatus returnStatus;

	private Long mergedIntoId;

	private Long slaPolicyId;

	private Instant openedAt;

	private Instant firstResponseDueAt;

	private Instant firstResponseWarnAt;

	private Instant firstRespondedAt;

	private Instant resolutionDueAt;

	private Instant resolutionWarnAt;

	private Instant resolvedAt;

	private Instant closedAt;

	private Instant slaPausedAt;

	private long slaPausedMinutes;

	private Instant slaNextCheckAt;

	private Instant queueSortAt;

	protected Ticket() {
	}

	Ticket(String number, OpenTicket cmd, Long contactId, Long accountId, Long queueId, Long assigneeId,
			Instant openedAt) {
		this.number = number;
		this.subject = cmd.subject().strip();
		this.description = cmd.description();
		this.type = cmd.type() == null ? TicketType.INFORMATION_REQUEST : cmd.type();
		this.priority = cmd.priority() == null ? TicketPriority.NORMAL : cmd.priority();
		this.status = TicketStatus.NEW;
		this.channel = cmd.channel() == null ? TicketChannel.PORTAL : cmd.channel();
		this.contactId = contactId;
		this.accountId = accountId;
		this.queueId = queueId;
		this.assigneeId = assigneeId;
		this.tags = new ArrayList<>(cmd.tags());
		this.orderReference = blankToNull(cmd.orderReference());
		this.productReference = blankToNull(cmd.productReference());
		this.returnStatus = type == TicketType.PRODUCT_RETURN ? ReturnStatus.REQUESTED : null;
		this.openedAt = openedAt;
		this.queueSortAt = sortKey();
	}

	/**
	 * The queue orders by the deadline that applies next, the one its SLA column shows:
	 * first response while none was sent, then resolution. Tickets without a target sort
	 * after every one with a target.
	 */
	private Instant sortKey() {
		Instant next = firstRespondedAt == null && firstResponseDueAt != null ? firstResponseDueAt : resolutionDueAt;
		return next != null ? next : openedAt.plus(java.time.Duration.ofDays(36500));
	}

	/**
	 * Moves to {@code next} if the rules allow it; the caller has already resumed a
	 * paused SLA clock.
	 */
	void moveTo(TicketStatus next, Instant now) {
		if (!status.canMoveTo(next)) {
			throw new RuleViolationException("ticket.status.notAllowed",
					"A ticket can't go from " + status + " to " + next + ".", status, next);
		}
		status = next;
		switch (next) {
			case PENDING_CUSTOMER -> slaPausedAt = now;
			case RESOLVED -> resolvedAt = now;
			case CLOSED -> closedAt = now;
			case OPEN -> resolvedAt = null;
			default -> {
			}
		}
		slaNextCheckAt = nextCheck(null);
	}

	/**
	 * Closes a duplicate whatever its status (merge), pointing at the ticket it went
	 * into.
	 */
	void closeAsMergedInto(long targetId, Instant now) {
		if (status == TicketStatus.CLOSED) {
			throw new RuleViolationException("ticket.merge.closed", "A closed ticket can't be merged.");
		}
		status = TicketStatus.CLOSED;
		mergedIntoId = targetId;
		closedAt = now;
		slaNextCheckAt = null;
	}

	/**
	 * Ends a pause: the clock stood still for {@code minutes} business minutes; the plan
	 * shifts by them.
	 */
	void resumeSla(long minutes, SlaPlan shifted) {
		slaPausedAt = null;
		slaPausedMinutes += minutes;
		applyPlan(shifted);
	}

	void applyPlan(SlaPlan plan) {
		slaPolicyId = plan.policyId();
		firstResponseWarnAt = plan.firstResponseWarnAt();
		firstResponseDueAt = plan.firstResponseDueAt();
		resolutionWarnAt = plan.resolutionWarnAt();
		resolutionDueAt = plan.resolutionDueAt();
		queueSortAt = sortKey();
		slaNextCheckAt = nextCheck(null);
	}

	/**
	 * The earliest warning or due time after {@code after} (null: any) that still
	 * matters: first response while none was sent, resolution while the ticket is active;
	 * none while paused.
	 */
	Instant nextCheck(Instant after) {
		if (!status.isActive() || status == TicketStatus.PENDING_CUSTOMER) {
			return null;
		}
		Stream<Instant> candidates = firstRespondedAt == null
				? Stream.of(firstResponseWarnAt, firstResponseDueAt, resolutionWarnAt, resolutionDueAt)
				: Stream.of(resolutionWarnAt, resolutionDueAt);
		return candidates.filter(t -> t != null && (after == null || t.isAfter(after)))
			.min(Instant::compareTo)
			.orElse(null);
	}

	/**
	 * The SLA monitor handled every check due by {@code now}: the next one is the first
	 * still ahead.
	 */
	void slaChecked(Instant now) {
		slaNextCheckAt = nextCheck(now);
	}

	/**
	 * Records the first public agent reply (the first-response SLA is met or breached by
	 * it).
	 */
	boolean markFirstResponse(Instant at) {
		if (firstRespondedAt != null) {
			return false;
		}
		firstRespondedAt = at;
		queueSortAt = sortKey();
		slaNextCheckAt = nextCheck(null);
		return true;
	}

	void assignTo(Long userId) {
		assigneeId = userId;
	}

	void routeTo(Long queueId, Long assigneeId) {
		this.queueId = queueId;
		this.assigneeId = assigneeId;
	}

	void changePriority(TicketPriority priority) {
		this.priority = priority;
	}

	void edit(UpdateTicket cmd) {
		this.subject = cmd.subject().strip();
		this.type = cmd.type();
		this.priority = cmd.priority();
		this.queueId = cmd.queueId();
		this.tags = new ArrayList<>(cmd.tags());
		this.orderReference = blankToNull(cmd.orderReference());
		this.productReference = blankToNull(cmd.productReference());
		this.returnStatus = type == TicketType.PRODUCT_RETURN
				? (cmd.returnStatus() == null ? ReturnStatus.REQUESTED : cmd.returnStatus()) : null;
	}

	Map<String, String> snapshot() {
		Map<String, String> s = new LinkedHashMap<>();
		s.put("subject", subject);
		s.put("type", type.name());
		s.put("priority", priority.name());
		s.put("status", status.name());
		s.put("queueId", queueId == null ? null : queueId.toString());
		s.put("assigneeId", assigneeId == null ? null : assigneeId.toString());
		s.put("tags", String.join(", ", tags));
		s.put("orderReference", orderReference);
		s.put("productReference", productReference);
		s.put("returnStatus", returnStatus == null ? null : returnStatus.name());
		return s;
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}

	String getNumber() {
		return number;
	}

	String getSubject() {
		return subject;
	}

	TicketType getType() {
		return type;
	}

	TicketPriority getPriority() {
		return priority;
	}

	TicketStatus getStatus() {
		return status;
	}

	TicketChannel getChannel() {
		return channel;
	}

	Long getContactId() {
		return contactId;
	}

	Long getAccountId() {
		return accountId;
	}

	Long getAssigneeId() {
		return assigneeId;
	}

	Long getQueueId() {
		return queueId;
	}

	String getDescription() {
		return description;
	}

	Long getSlaPolicyId() {
		return slaPolicyId;
	}

	Instant getOpenedAt() {
		return openedAt;
	}

	Instant getSlaPausedAt() {
		return slaPausedAt;
	}

	long getSlaPausedMinutes() {
		return slaPausedMinutes;
	}

	Instant getResolvedAt() {
		return resolvedAt;
	}

}
