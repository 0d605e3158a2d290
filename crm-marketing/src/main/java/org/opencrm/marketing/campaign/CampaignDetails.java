package org.opencrm.marketing.campaign;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

public record CampaignDetails(long id, String name, CampaignType type, CampaignStatus status, BigDecimal budget,
		String currency, LocalDate startsOn, LocalDate endsOn, Long segmentId, String segmentName, Long templateId,
		String templateName, Instant scheduledAt, Instant sendingStartedAt, Instant sentAt, Long ownerId,
		String ownerName, long version, Instant createdAt) {

	public boolean isEditable() {
		return status == CampaignStatus.DRAFT || status == CampaignStatus.SCHEDULED;
	}
}
