package org.opencrm.marketing.campaign;

public enum CampaignStatus {

	DRAFT, SCHEDULED, SENDING, SENT, CANCELLED

}
