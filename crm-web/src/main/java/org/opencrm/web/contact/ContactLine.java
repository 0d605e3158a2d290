package org.opencrm.web.contact;

import java.util.Locale;
import org.opencrm.core.contact.ContactRow;
import org.springframework.context.MessageSource;

/**
 * A row of the contact list with its texts worked out here (the tick box's value and
 * label, "Last, First", the stage's name): fewer expressions per row, which is where the
 * list's rendering time goes (JFR in bench/load).
 */
record ContactLine(long id, String pick, String pickLabel, String name, Long accountId, String accountName,
		String email, String phone, String stage, String ownerName) {

	static ContactLine of(ContactRow c, MessageSource messages, Locale locale) {
		return new ContactLine(c.id(), c.id() + ":" + c.version(),
				messages.getMessage("list.bulk.pick", new Object[] { c.fullName() }, locale),
				c.lastName() + ", " + c.firstName(), c.accountId(), c.accountName(), c.email(), c.phone(),
				c.lifecycleStage() == null ? null : messages.getMessage("stage." + c.lifecycleStage(), null, locale),
				c.ownerName());
	}

}
