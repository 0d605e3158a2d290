package org.opencrm.sales.partner;

/** How a partner account sells with us. */
public enum PartnerType {

	RESELLER, DISTRIBUTOR, REFERRAL

}
