package org.opencrm.sales.opportunity;

/**
 * Saving a deal that was loaded in this transaction: Spring Data's {@code save} would
 * merge it (a merge copies the stage history it just appended to, instead of inserting
 * it). A method named {@code save…} still publishes the deal's events.
 */
interface OpportunityChanges {

	/**
	 * Writes the deal's changes now, so a concurrent change fails here as a version
	 * conflict, and publishes its events (a won deal's {@code DealWon}).
	 */
	void saveChanges(Opportunity deal);

}
