package org.opencrm.service.ticket;

import org.opencrm.core.port.ContactCriterion;
import org.springframework.stereotype.Component;

/**
 * Segment criterion "has an open ticket": the contact raised a ticket that isn't resolved
 * or closed yet (marketing uses it to hold back promotions from customers waiting for
 * help).
 */
@Component
class HasOpenTicket implements ContactCriterion {

	@Override
	public String key() {
		return "has-open-ticket";
	}

	@Override
	public String labelCode() {
		return "criterion.has-open-ticket";
	}

	@Override
	public String sql(String contactIdColumn) {
		return "exists (select 1 from tickets t where t.contact_id = " + contactIdColumn
				+ " and t.status in ('NEW', 'OPEN', 'PENDING_CUSTOMER', 'ON_HOLD'))";
	}

}
