package org.opencrm.sales.opportunity;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.opencrm.sales.pipeline.StageKind;

/** A deal in a list, on the board or in an account's section. */
public record OpportunityRow(long id, String name, long accountId, String accountName, long stageId, String stageName,
		StageKind status, BigDecimal amount, String currency, LocalDate closeDate, long ownerId, String ownerName,
		long version, String sortKey) {
}
