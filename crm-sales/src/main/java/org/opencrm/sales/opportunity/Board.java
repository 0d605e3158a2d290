package org.opencrm.sales.opportunity;

import java.math.BigDecimal;
import java.util.List;
import org.opencrm.sales.pipeline.Stage;

/**
 * A pipeline as columns of cards. Each column shows at most {@link #CARDS_PER_COLUMN}
 * cards; its count and totals are over all its deals (SQL aggregates), so {@code more}
 * says how many aren't shown.
 */
public record Board(long pipelineId, List<Column> columns) {

	public static final int CARDS_PER_COLUMN = 20;

	public record Column(Stage stage, long count, BigDecimal total, BigDecimal weighted, List<OpportunityRow> cards) {

		public long more() {
			return Math.max(0, count - cards.size());
		}
	}
}
