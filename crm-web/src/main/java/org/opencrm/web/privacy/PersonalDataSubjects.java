package org.opencrm.web.privacy;

import java.util.List;
import org.opencrm.core.port.DataSubject;
import org.opencrm.core.privacy.PrivacyService;
import org.opencrm.core.user.Visibility;
import org.opencrm.sales.lead.LeadDetails;
import org.opencrm.sales.lead.LeadQuery;
import org.springframework.stereotype.Component;

/**
 * The person a privacy request is about, as the user may see them: a contact through
 * core, a lead through sales; anyone else is "not found".
 */
@Component
class PersonalDataSubjects {

	enum Kind {

		CONTACTS, LEADS

	}

	private final PrivacyService privacy;

	private final LeadQuery leads;

	PersonalDataSubjects(PrivacyService privacy, LeadQuery leads) {
		this.privacy = privacy;
		this.leads = leads;
	}

	DataSubject find(Kind kind, long id, Visibility visibility) {
		if (kind == Kind.CONTACTS) {
			return privacy.contact(id, visibility);
		}
		LeadDetails lead = leads.details(id, visibility);
		return new DataSubject(null, lead.id(), lead.email(), lead.firstName(), lead.lastName(),
				lead.phone() == null ? List.of() : List.of(lead.phone()));
	}

}
