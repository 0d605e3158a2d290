package org.opencrm.core.port;

/**
 * A yes/no fact about a contact that some module knows (has an open deal, has an open
 * ticket), usable as a marketing segment criterion without marketing knowing that
 * module's tables. Implemented by the owning module as a bean; marketing collects all of
 * them.
 */
public interface ContactCriterion {

	/** Stable key stored in segment definitions, e.g. {@code has-open-deal}. */
	String key();

	/** Message key of the criterion's label on the segment editor. */
	String labelCode();

	/**
	 * An SQL boolean expression true when the contact whose id is {@code contactIdColumn}
	 * has the fact, e.g.
	 * {@code exists (select 1 from opportunities o where o.primary_contact_id = c.id
	 * and o.status = 'OPEN')}. No parameters; must be index-friendly.
	 */
	String sql(String contactIdColumn);

}
