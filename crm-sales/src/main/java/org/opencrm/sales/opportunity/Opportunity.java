package org.opencrm.sales.opportunity;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencrm.core.event.DealWon;
import org.opencrm.core.shared.BaseEntity;
import org.opencrm.core.shared.Money;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.sales.opportunity.OpportunityCommand.ForecastCategory;
import org.opencrm.sales.opportunity.OpportunityCommand.LineItem;
import org.opencrm.sales.opportunity.OpportunityCommand.SalesChannel;
import org.opencrm.sales.pipeline.Stage;
import org.opencrm.sales.pipeline.StageKind;
import org.springframework.data.domain.AfterDomainEventPublication;
import org.springframework.data.domain.DomainEvents;

/**
 * A deal: its fields, its product lines and its way through the stages of its pipeline,
 * one aggregate. It holds its rules on every change (a name, a close date, an amount that
 * isn't negative, a stage of its own pipeline that is still in use, a reason to lose it,
 * a partner for a partner deal, valid lines) and its transitions: every stage change is a
 * {@link StageHistoryEntry}, status, forecast category and close time follow the stage's
 * kind, and reaching a won stage publishes {@link DealWon} when the deal is saved.
 * Whether the customer, owner, products and partner exist, and who may see them, is the
 * services' part: they pass the {@link Stage} and the priced lines in.
 */
@Entity
@Table(name = "opportunities")
class Opportunity extends BaseEntity {

	private String name;

	private long accountId;

	private Long primaryContactId;

	private long pipelineId;

	private long stageId;

	@Enumerated(EnumType.STRING)
	private StageKind status;

	/**
	 * Columns {@code amount}, {@code currency}: the typed amount, or the sum of the
	 * lines.
	 */
	@Embedded
	private Money value;

	private LocalDate closeDate;

	private long ownerId;

	@Enumerated(EnumType.STRING)
	private ForecastCategory forecastCategory;

	private String lostReason;

	private String source;

	private Long campaignId;

	private Long leadId;

	@Enumerated(EnumType.STRING)
	private SalesChannel salesChannel;

	private Long partnerAccountId;

	private Instant closedAt;

	private Instant stageChangedAt;

	@OneToMany(cascade = CascadeType.ALL, orphanRemoval = true)
	@JoinColumn(name = "opportunity_id", nullable = false, updatable = false)
	private List<OpportunityLine> lines = new ArrayList<>();

	/** Appended to, never read here: adding doesn't load the earlier entries. */
	@OneToMany(mappedBy = "opportunity", cascade = CascadeType.PERSIST)
	private List<StageHistoryEntry> stageHistory = new ArrayList<>();

	/** The day a move to a won stage happened, until {@link DealWon} is published. */
	@Transient
	private LocalDate wonOn;

	protected Opportunity() {
	}

	/**
	 * A new deal in its stage (its first history entry).
	 * @param actorId who opens it (null for system work)
	 */
	Opportunity(ResolvedDeal deal, Long actorId, Clock clock) {
		OpportunityCommand cmd = deal.command();
		this.leadId = cmd.leadId();
		this.primaryContactId = cmd.primaryContactId();
		this.campaignId = cmd.campaignId();
		apply(deal, clock);
		enter(deal.stage(), null, actorId, clock);
	}

	/**
	 * Changes what the form edits. What it doesn't show stays: a null primary contact
	 * keeps the deal's (unless the deal moves to another account, whose people it isn't
	 * about), a null campaign keeps the deal's, the lead it came from never changes. A
	 * new stage is a stage change like {@link #moveTo}, but may stay in an inactive one.
	 * @return the stage change, if the stage changed
	 */
	Optional<StageMove> edit(ResolvedDeal deal, Long actorId, Clock clock) {
		OpportunityCommand cmd = deal.command();
		Stage stage = deal.stage();
		Long contact = contactAfterEdit(cmd.accountId(), cmd.primaryContactId());
		long from = stageId;
		apply(deal, clock);
		this.primaryContactId = contact;
		if (cmd.campaignId() != null) {
			this.campaignId = cmd.campaignId();
		}
		if (stage.id() != from) {
			return Optional.of(enter(stage, from, actorId, clock));
		}
		// Saving the form again doesn't move the day a closed deal closed.
		this.status = stage.kind();
		this.closedAt = stage.kind() == StageKind.OPEN ? null : closedAt != null ? closedAt : clock.instant();
		return Optional.empty();
	}

	/**
	 * The primary contact an edit leaves: the command's, else the deal's own unless the
	 * account changes.
	 */
	Long contactAfterEdit(long newAccountId, Long newContactId) {
		if (newContactId != null) {
			return newContactId;
		}
		return newAccountId == accountId ? primaryContactId : null;
	}

	/**
	 * Moves the deal to another stage of its pipeline (the board's "move to"): a lost
	 * stage needs a reason, a won one publishes {@link DealWon}; the same stage is no
	 * move. A closed deal may be moved back to an open stage (reopened).
	 * @return the stage change, empty when {@code stage} is the current one
	 * @throws RuleViolationException {@code opportunity.stage.otherPipeline},
	 * {@code opportunity.stage.inactive}, {@code opportunity.lostReason.required}
	 */
	Optional<StageMove> moveTo(Stage stage, String lostReason, Long actorId, Clock clock) {
		requireStageOfPipeline(stage, pipelineId);
		if (stage.id() == stageId) {
			return Optional.empty();
		}
		requireActive(stage);
		String reason = requireLostReason(stage, lostReason);
		long from = stageId;
		this.lostReason = reason;
		this.forecastCategory = forecastFor(stage.kind(), forecastCategory);
		return Optional.of(enter(stage, from, actorId, clock));
	}

	private void apply(ResolvedDeal deal, Clock clock) {
		OpportunityCommand cmd = deal.command();
		Stage stage = deal.stage();
		if (cmd.name() == null || cmd.name().isBlank() || cmd.name().trim().length() > 200) {
			throw new RuleViolationException("opportunity.name.required",
					"A deal needs a name (at most 200 characters).");
		}
		requireStageOfPipeline(stage, deal.pipelineId());
		if (!stage.active() && (getId() == null || stage.id() != stageId)) {
			requireActive(stage);
		}
		if (cmd.closeDate() == null) {
			throw new RuleViolationException("opportunity.closeDate.required", "A deal needs an expected close date.");
		}
		if (stage.kind() == StageKind.OPEN && cmd.closeDate().isBefore(LocalDate.now(clock).minusYears(1))) {
			throw new RuleViolationException("opportunity.closeDate.past",
					"An open deal can’t close more than a year in the past.");
		}
		String reason = requireLostReason(stage, cmd.lostReason());
		if (cmd.salesChannel() == SalesChannel.PARTNER && cmd.partnerAccountId() == null) {
			throw new RuleViolationException("opportunity.partner.required", "A partner deal needs its partner.");
		}
		// Money holds the rules of an amount (a known currency, its decimals, not
		// negative).
		String code = cmd.currency() == null || cmd.currency().isBlank() ? "EUR" : cmd.currency();
		Money typed = Money.nonNegative(cmd.amount() == null ? BigDecimal.ZERO : cmd.amount(), code);
		List<OpportunityLine> newLines = lines(deal.lines(), typed.currency());
		this.name = cmd.name().trim();
		this.accountId = cmd.accountId();
		this.pipelineId = deal.pipelineId();
		this.closeDate = cmd.closeDate();
		this.ownerId = cmd.ownerId();
		this.forecastCategory = forecastFor(stage.kind(), cmd.forecastCategory());
		this.lostReason = reason;
		this.source = trimmed(cmd.source());
		this.salesChannel = cmd.salesChannel();
		this.partnerAccountId = cmd.partnerAccountId();
		this.lines.clear();
		this.lines.addAll(newLines);
		this.value = newLines.isEmpty() ? typed
				: Money.rounded(newLines.stream().map(OpportunityLine::total).reduce(BigDecimal.ZERO, BigDecimal::add),
						typed.currency());
	}

	/**
	 * @throws RuleViolationException a line's quantity, price or discount
	 */
	private static List<OpportunityLine> lines(List<LineItem> priced, String currency) {
		List<OpportunityLine> result = new ArrayList<>();
		for (LineItem li : priced) {
			if (li.quantity() == null || li.quantity().signum() <= 0) {
				throw new RuleViolationException("opportunity.line.quantity.invalid",
						"A line’s quantity must be more than 0.");
			}
			Money.nonNegative(li.unitPrice(), currency);
			BigDecimal discount = li.discountPercent() == null ? BigDecimal.ZERO : li.discountPercent();
			if (discount.signum() < 0 || discount.compareTo(BigDecimal.valueOf(100)) > 0) {
				throw new RuleViolationException("opportunity.line.discount.invalid",
						"A discount is between 0 and 100 %.");
			}
			result.add(new OpportunityLine(li.productId(), result.size() + 1, li.quantity(), li.unitPrice(), discount));
		}
		return result;
	}

	/** Enters a stage: status, close time, the history entry, and a won deal's event. */
	private StageMove enter(Stage stage, Long fromStageId, Long actorId, Clock clock) {
		Instant now = clock.instant();
		this.stageId = stage.id();
		this.status = stage.kind();
		this.closedAt = stage.kind() == StageKind.OPEN ? null : now;
		this.stageChangedAt = now;
		stageHistory.add(new StageHistoryEntry(this, fromStageId, stage.id(), value.amount(), stage.probability(),
				actorId, now));
		if (stage.kind() == StageKind.WON) {
			this.wonOn = LocalDate.ofInstant(now, clock.getZone());
		}
		return new StageMove(fromStageId, stage, now);
	}

	private static void requireStageOfPipeline(Stage stage, long pipelineId) {
		if (stage.pipelineId() != pipelineId) {
			throw RuleViolationException.onField("stageId", "opportunity.stage.otherPipeline",
					"That stage belongs to another pipeline.");
		}
	}

	private static void requireActive(Stage stage) {
		if (!stage.active()) {
			throw new RuleViolationException("opportunity.stage.inactive", "That stage is no longer in use.");
		}
	}

	private static String requireLostReason(Stage stage, String lostReason) {
		if (stage.kind() != StageKind.LOST) {
			return null;
		}
		String reason = trimmed(lostReason);
		if (reason == null) {
			throw RuleViolationException.onField("lostReason", "opportunity.lostReason.required",
					"Say why the deal was lost before moving it to a lost stage.");
		}
		return reason;
	}

	/**
	 * Closed deals are CLOSED (won) or OMITTED (lost); an open one keeps its category.
	 */
	static ForecastCategory forecastFor(StageKind kind, ForecastCategory chosen) {
		return switch (kind) {
			case WON -> ForecastCategory.CLOSED;
			case LOST -> ForecastCategory.OMITTED;
			case OPEN -> chosen == null || chosen == ForecastCategory.CLOSED ? ForecastCategory.PIPELINE : chosen;
		};
	}

	/**
	 * A workflow rule's change of one field: the same rules as the form's
	 * ({@link #apply}). The stage moves through {@link #moveTo}, the owner through
	 * {@link #giveTo}.
	 * @throws RuleViolationException {@code workflow.field.notSettable} for another
	 * field, and the field's own rules
	 */
	void setByRule(String field, String value, Clock clock) {
		switch (field) {
			case "name" -> {
				if (value == null || value.isBlank() || value.trim().length() > 200) {
					throw new RuleViolationException("opportunity.name.required",
							"A deal needs a name (at most 200 characters).");
				}
				this.name = value.trim();
			}
			case "closeDate" -> {
				LocalDate date = value == null ? null : LocalDate.parse(value.trim());
				if (date == null || (status == StageKind.OPEN && date.isBefore(LocalDate.now(clock).minusYears(1)))) {
					throw new RuleViolationException("opportunity.closeDate.past",
							"An open deal can’t close more than a year in the past.");
				}
				this.closeDate = date;
			}
			case "source" -> this.source = trimmed(value);
			case "forecastCategory" -> this.forecastCategory = forecastFor(status,
					ForecastCategory.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT)));
			default -> throw new RuleViolationException("workflow.field.notSettable",
					"A rule can't set the field \"{0}\".", field);
		}
	}

	/** Gives the deal to another owner (the owner rule checked by the caller). */
	void giveTo(long ownerId) {
		this.ownerId = ownerId;
	}

	@DomainEvents
	Collection<Object> domainEvents() {
		return wonOn == null ? List.of() : List.of(new DealWon(getId(), accountId, primaryContactId, ownerId,
				value.amount(), value.currency(), wonOn, campaignId));
	}

	@AfterDomainEventPublication
	void eventsPublished() {
		wonOn = null;
	}

	/** What the audit trail compares before and after an edit. */
	Map<String, String> snapshot(String stageName) {
		Map<String, String> m = new LinkedHashMap<>();
		m.put("name", name);
		m.put("accountId", String.valueOf(accountId));
		m.put("primaryContactId", primaryContactId == null ? null : primaryContactId.toString());
		m.put("stage", stageName);
		// Amount with its currency, so history shows it as money ("12,000.00 EUR").
		m.put("amount", value == null ? null
				: value.amount().setScale(2, RoundingMode.HALF_UP).toPlainString() + " " + value.currency());
		m.put("closeDate", String.valueOf(closeDate));
		m.put("owner", String.valueOf(ownerId));
		m.put("forecastCategory", forecastCategory == null ? null : forecastCategory.name());
		m.put("lostReason", lostReason);
		m.put("source", source);
		m.put("salesChannel", salesChannel == null ? null : salesChannel.name());
		m.put("partnerAccountId", partnerAccountId == null ? null : partnerAccountId.toString());
		return m;
	}

	String name() {
		return name;
	}

	long accountId() {
		return accountId;
	}

	Long primaryContactId() {
		return primaryContactId;
	}

	long pipelineId() {
		return pipelineId;
	}

	/**
	 * Checks the deal may be deleted: a won deal stays (revenue, purchases, forecasts and
	 * attribution stand on it).
	 * @throws RuleViolationException {@code opportunity.delete.won}
	 */
	void requireDeletable() {
		if (status == StageKind.WON) {
			throw new RuleViolationException("opportunity.delete.won",
					"A won deal can’t be deleted: revenue and forecasts stand on it.");
		}
	}

	long stageId() {
		return stageId;
	}

	long ownerId() {
		return ownerId;
	}

	BigDecimal amount() {
		return value.amount();
	}

	String currency() {
		return value.currency();
	}

	Money money() {
		return value;
	}

	Instant stageChangedAt() {
		return stageChangedAt;
	}

	private static String trimmed(String s) {
		return s == null || s.isBlank() ? null : s.trim();
	}

	/** A stage change the services put on the account's timeline. */
	record StageMove(Long fromStageId, Stage to, Instant at) {
	}

}
