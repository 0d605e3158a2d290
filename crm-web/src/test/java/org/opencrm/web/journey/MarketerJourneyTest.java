package org.opencrm.web.journey;

import static org.opencrm.web.journey.RoleJourney.Stop.andFirst;
import static org.opencrm.web.journey.RoleJourney.Stop.page;

import java.util.List;

/**
 * A marketer's day: segments, templates, campaigns, sequences, forms, scoring, sent mail
 * ({@link RoleJourney}: laptop and phone size, accessibility, rough text, screenshots).
 */
class MarketerJourneyTest extends RoleJourney {

	@Override
	String username() {
		return "marketer";
	}

	@Override
	List<Stop> stops() {
		return List.of(page("/"), andFirst("/marketing/segments", "#segments-table a[href^='/marketing/segments/']"),
				andFirst("/marketing/templates", "#templates-table a[href^='/marketing/templates/']"),
				andFirst("/marketing/campaigns", "#campaigns-table a[href^='/marketing/campaigns/']"),
				andFirst("/marketing/sequences", "#sequences-table a[href^='/marketing/sequences/']"),
				andFirst("/marketing/forms", "#forms-table a[href^='/marketing/forms/']"), page("/marketing/scoring"),
				page("/marketing/mailbox"), page("/mail/in-doubt"), page("/contacts"), page("/reports"),
				page("/analytics/at-risk"));
	}

}
