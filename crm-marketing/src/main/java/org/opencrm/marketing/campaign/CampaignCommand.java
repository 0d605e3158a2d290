package org.opencrm.marketing.campaign;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A campaign's editable fields; {@code version} is the one the user saw (0 when new). */
public record CampaignCommand(String name, CampaignType type, BigDecimal budget, String currency, LocalDate startsOn,
		LocalDate endsOn, Long segmentId, Long templateId, long version) {
}
