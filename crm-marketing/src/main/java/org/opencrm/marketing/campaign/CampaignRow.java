package org.opencrm.marketing.campaign;

import java.math.BigDecimal;
import java.time.Instant;

public record CampaignRow(long id, String name, CampaignType type, CampaignStatus status, BigDecimal budget,
		String currency, Instant scheduledAt, Instant sentAt, Instant createdAt, String sortKey) {
}
