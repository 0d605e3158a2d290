package org.opencrm.core.port;

/**
 * Precomputed analytics a module refreshes on the customer-health schedule (after each
 * full health pass and the demo seed), e.g. sales' product affinity for cross-sell
 * suggestions.
 */
public interface AnalyticsRefresh {

	void refresh();

}
