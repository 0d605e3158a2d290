package org.opencrm.sales.opportunity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The editable fields of a deal; {@code version} is the one the user edited (0 on
 * create). When {@code lines} is not empty their total is the amount and {@code amount}
 * is ignored.
 */
public record OpportunityCommand(String name, long accountId, Long primaryContactId, Long pipelineId, Long stageId,
		BigDecimal amount, String currency, LocalDate closeDate, long ownerId, ForecastCategory forecastCategory,
		String lostReason, String source, Long campaignId, Long leadId, SalesChannel salesChannel,
		Long partnerAccountId, List<LineItem> lines, long version) {

	public OpportunityCommand {
		lines = lines == null ? List.of() : List.copyOf(lines);
		salesChannel = salesChannel == null ? SalesChannel.DIRECT : salesChannel;
	}

	/** A product on a deal; a null unit price takes the product's list price. */
	public record LineItem(long productId, BigDecimal quantity, BigDecimal unitPrice, BigDecimal discountPercent) {
	}

	public enum ForecastCategory {

		PIPELINE, BEST_CASE, COMMIT, CLOSED, OMITTED

	}

	public enum SalesChannel {

		DIRECT, PARTNER, ONLINE

	}
}
