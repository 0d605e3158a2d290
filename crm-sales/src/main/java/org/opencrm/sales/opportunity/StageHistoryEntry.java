package org.opencrm.sales.opportunity;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One stage change of a deal (the first placement has no from-stage), written by the
 * {@link Opportunity} as it moves; append-only, read by the deal page's history query.
 */
@Entity
@Table(name = "opportunity_stage_history")
class StageHistoryEntry {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "opportunity_id")
	private Opportunity opportunity;

	private Long fromStageId;

	private long toStageId;

	private BigDecimal amount;

	private int probability;

	private Long changedBy;

	private Instant changedAt;

	protected StageHistoryEntry() {
	}

	StageHistoryEntry(Opportunity opportunity, Long fromStageId, long toStageId, BigDecimal amount, int probability,
			Long changedBy, Instant changedAt) {
		this.opportunity = opportunity;
		this.fromStageId = fromStageId;
		this.toStageId = toStageId;
		this.amount = amount;
		this.probability = probability;
		this.changedBy = changedBy;
		this.changedAt = changedAt;
	}

}
