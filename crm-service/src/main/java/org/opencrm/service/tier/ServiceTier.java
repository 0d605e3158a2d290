package org.opencrm.service.tier;

/** An account's service level; routing rules and SLA policies may depend on it. */
public enum ServiceTier {

	STANDARD, GOLD, PLATINUM

}
