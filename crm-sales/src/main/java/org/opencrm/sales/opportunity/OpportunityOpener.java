package org.opencrm.sales.opportunity;

/**
 * Opens an opportunity inside the caller's transaction (lead conversion is one
 * transaction): validates like the form does, records the first stage in the stage
 * history and on the account's timeline. Throws {@code RuleViolationException} for bad
 * input.
 */
public interface OpportunityOpener {

	/**
	 * @return the new opportunity's id
	 */
	long open(OpenOpportunity command);

}
