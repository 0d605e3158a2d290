package org.opencrm.marketing.campaign;

public enum CampaignType {

	EMAIL, EVENT, WEBINAR, SOCIAL, ADS

}
