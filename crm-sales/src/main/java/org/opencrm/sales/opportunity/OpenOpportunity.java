package org.opencrm.sales.opportunity;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What it takes to open a deal from elsewhere in sales (lead conversion).
 *
 * @param pipelineId null for the default pipeline
 * @param stageId null for the pipeline's first open stage
 */
public record OpenOpportunity(String name, long accountId, Long primaryContactId, Long pipelineId, Long stageId,
		BigDecimal amount, String currency, LocalDate closeDate, long ownerId, String source, Long campaignId,
		Long leadId) {
}
