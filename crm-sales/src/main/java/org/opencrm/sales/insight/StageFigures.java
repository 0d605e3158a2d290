package org.opencrm.sales.insight;

import java.math.BigDecimal;

/**
 * The open deals in one stage of a pipeline in one currency (amounts in different
 * currencies are never added): how many, their amount and their amount weighted by the
 * stage's probability. A stage without open deals has one line with a null currency and
 * zeros.
 */
public record StageFigures(long stageId, String stageName, int probability, String currency, long deals,
		BigDecimal amount, BigDecimal weighted) {
}
