package org.opencrm.sales.opportunity;

import java.math.BigDecimal;
import java.time.Instant;

/** One entry of a deal's stage history. */
public record StageChange(long id, String fromStage, String toStage, BigDecimal amount, int probability,
		String changedBy, Instant changedAt) {
}
