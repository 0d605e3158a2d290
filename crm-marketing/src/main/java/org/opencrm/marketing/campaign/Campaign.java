package org.opencrm.marketing.campaign;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.LongSupplier;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.opencrm.core.shared.BaseEntity;
import org.opencrm.core.shared.Money;
import org.opencrm.core.shared.RuleViolationException;

/**
 * A campaign: its plan (name, type, budget, dates, segment, template) and its lifecycle,
 * which only moves forward:
 *
 * <pre>
 * DRAFT ⇄ SCHEDULED → SENDING → SENT
 *   └──────┴───────────┴──→ CANCELLED
 * </pre>
 *
 * The plan changes while the campaign is a draft or scheduled; an e-mail campaign is
 * scheduled once it has a template, a segment and someone who may get it; the send job
 * starts it ({@link #startSending}) and, the last mail sent, completes it (SENT, in the
 * send pipeline's SQL); a campaign that can't start goes back to DRAFT. Every transition
 * not drawn is refused with a rule key.
 */
@Entity
@Table(name = "campaigns")
class Campaign extends BaseEntity {

	private String name;

	@Enumerated(EnumType.STRING)
	private CampaignType type;

	@Enumerated(EnumType.STRING)
	private CampaignStatus status = CampaignStatus.DRAFT;

	private BigDecimal budget;

	@JdbcTypeCode(SqlTypes.CHAR)
	@Column(length = 3)
	private String currency;

	private LocalDate startsOn;

	private LocalDate endsOn;

	private Long segmentId;

	private Long templateId;

	private Instant scheduledAt;

	private Instant sendingStartedAt;

	private Instant sentAt;

	@Column(updatable = false)
	private Long ownerId;

	protected Campaign() {
	}

	Campaign(CampaignCommand cmd, Long ownerId) {
		this.ownerId = ownerId;
		plan(cmd);
	}

	/**
	 * Changes the plan; nothing changes when a rule is broken. That the template exists
	 * is the service's to check (another aggregate).
	 * @throws RuleViolationException {@code campaign.notEditable},
	 * {@code campaign.name.required}, {@code campaign.type.required},
	 * {@code money.amount.negative}, {@code money.currency.invalid},
	 * {@code campaign.dates.order}
	 */
	void plan(CampaignCommand cmd) {
		requireEditable();
		if (cmd.name() == null || cmd.name().isBlank()) {
			throw new RuleViolationException("campaign.name.required", "A campaign needs a name");
		}
		if (cmd.type() == null) {
			throw new RuleViolationException("campaign.type.required", "Choose the campaign's type");
		}
		// A budget is Money: a known currency, its decimals, not negative.
		Money budget = cmd.budget() == null ? null : Money.nonNegative(cmd.budget(), cmd.currency());
		if (cmd.startsOn() != null && cmd.endsOn() != null && cmd.endsOn().isBefore(cmd.startsOn())) {
			throw new RuleViolationException("campaign.dates.order", "The campaign can't end before it starts");
		}
		this.name = cmd.name().trim();
		this.type = cmd.type();
		this.budget = budget == null ? null : budget.amount();
		this.currency = budget != null ? budget.currency() : cmd.currency() == null || cmd.currency().isBlank() ? null
				: new Money(BigDecimal.ZERO, cmd.currency()).currency();
		this.startsOn = cmd.startsOn();
		this.endsOn = cmd.endsOn();
		this.segmentId = cmd.segmentId();
		this.templateId = cmd.templateId();
	}

	/**
	 * DRAFT or SCHEDULED → SCHEDULED at {@code at}. {@code eligibleRecipients} is asked
	 * last, once everything else holds (it runs the segment's query).
	 * @throws RuleViolationException {@code campaign.notEditable},
	 * {@code campaign.notEmail}, {@code campaign.template.required},
	 * {@code campaign.segment.required}, {@code campaign.noRecipients}
	 */
	void schedule(Instant at, LongSupplier eligibleRecipients) {
		requireEditable();
		if (type != CampaignType.EMAIL) {
			throw new RuleViolationException("campaign.notEmail", "Only e-mail campaigns are sent");
		}
		if (templateId == null) {
			throw new RuleViolationException("campaign.template.required", "Choose a template first");
		}
		if (segmentId == null) {
			throw new RuleViolationException("campaign.segment.required", "Choose a segment first");
		}
		if (eligibleRecipients.getAsLong() == 0) {
			throw new RuleViolationException("campaign.noRecipients",
					"Nobody in the segment may get this e-mail (no consent, no valid address, or unsubscribed)");
		}
		this.status = CampaignStatus.SCHEDULED;
		this.scheduledAt = at;
	}

	/**
	 * Anything but SENT or CANCELLED → CANCELLED (what hasn't gone out yet never will:
	 * the service fails the waiting mail).
	 * @throws RuleViolationException {@code campaign.notCancellable}
	 */
	void cancel() {
		if (status == CampaignStatus.SENT || status == CampaignStatus.CANCELLED) {
			throw new RuleViolationException("campaign.notCancellable", "This campaign can't be cancelled any more");
		}
		this.status = CampaignStatus.CANCELLED;
	}

	/**
	 * SCHEDULED and due → SENDING: the send job has put its recipients in the outbox.
	 * @throws RuleViolationException {@code campaign.notScheduled}
	 */
	void startSending(Instant now) {
		if (status != CampaignStatus.SCHEDULED || scheduledAt == null || scheduledAt.isAfter(now)) {
			throw new RuleViolationException("campaign.notScheduled", "Only a scheduled campaign that is due starts");
		}
		this.status = CampaignStatus.SENDING;
		this.sendingStartedAt = now;
	}

	/**
	 * A scheduled campaign that could not start (its segment is gone, say) → DRAFT, to be
	 * fixed and scheduled again; in any other state nothing changes.
	 */
	void backToDraft() {
		if (status == CampaignStatus.SCHEDULED) {
			this.status = CampaignStatus.DRAFT;
			this.scheduledAt = null;
		}
	}

	private void requireEditable() {
		if (status != CampaignStatus.DRAFT && status != CampaignStatus.SCHEDULED) {
			throw new RuleViolationException("campaign.notEditable",
					"A campaign that is sending or sent can't be changed");
		}
	}

	CampaignStatus status() {
		return status;
	}

	Long segmentId() {
		return segmentId;
	}

	Long templateId() {
		return templateId;
	}

}
