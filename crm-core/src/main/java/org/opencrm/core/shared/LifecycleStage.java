package org.opencrm.core.shared;

/**
 * Where a company or person stands in their relationship with us, from first touch to
 * advocate.
 */
public enum LifecycleStage {

	SUBSCRIBER, LEAD, MARKETING_QUALIFIED, SALES_QUALIFIED, OPPORTUNITY, CUSTOMER, EVANGELIST, CHURNED, OTHER

}
