package org.opencrm.sales.opportunity;

import org.opencrm.core.port.ContactCriterion;
import org.springframework.stereotype.Component;

/**
 * Segment criterion "has an open deal": the contact is the primary contact of an open
 * deal, or works at an account that has one. Both branches walk an index on
 * opportunities.
 */
@Component
class HasOpenDeal implements ContactCriterion {

	@Override
	public String key() {
		return "has-open-deal";
	}

	@Override
	public String labelCode() {
		return "criterion.has-open-deal";
	}

	@Override
	public String sql(String contactIdColumn) {
		return "(exists (select 1 from opportunities o where o.primary_contact_id = " + contactIdColumn
				+ " and o.status = 'OPEN') or exists (select 1 from contacts x join opportunities o on o.account_id = "
				+ "x.account_id where x.id = " + contactIdColumn + " and o.status = 'OPEN'))";
	}

}
