package org.opencrm.sales.opportunity;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.opencrm.sales.opportunity.OpportunityCommand.ForecastCategory;
import org.opencrm.sales.opportunity.OpportunityCommand.SalesChannel;
import org.opencrm.sales.pipeline.StageKind;

/** One deal as its page and the API show it. */
public record OpportunityDetails(long id, String name, long accountId, String accountName, Long primaryContactId,
		String contactName, long pipelineId, String pipelineName, long stageId, String stageName, StageKind status,
		int probability, BigDecimal amount, String currency, LocalDate closeDate, long ownerId, String ownerName,
		ForecastCategory forecastCategory, String lostReason, String source, Long campaignId, Long leadId,
		SalesChannel salesChannel, Long partnerAccountId, String partnerName, Instant closedAt, long version,
		Instant createdAt, Instant updatedAt, List<Line> lines) {

	public record Line(long id, long productId, String productName, String sku, BigDecimal quantity,
			BigDecimal unitPrice, BigDecimal discountPercent, BigDecimal lineTotal) {
	}

	OpportunityDetails withLines(List<Line> l) {
		return new OpportunityDetails(id, name, accountId, accountName, primaryContactId, contactName, pipelineId,
				pipelineName, stageId, stageName, status, probability, amount, currency, closeDate, ownerId, ownerName,
				forecastCategory, lostReason, source, campaignId, leadId, salesChannel, partnerAccountId, partnerName,
				closedAt, version, createdAt, updatedAt, List.copyOf(l));
	}
}
