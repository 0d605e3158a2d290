package org.opencrm.web.journey;

import static org.opencrm.web.journey.RoleJourney.Stop.andFirst;
import static org.opencrm.web.journey.RoleJourney.Stop.page;

import java.util.List;

/**
 * A sales rep's day: start page, customers, leads, deals and the board, forecast,
 * calendar, reports ({@link RoleJourney}: laptop and phone size, accessibility, rough
 * text, screenshots).
 */
class RepJourneyTest extends RoleJourney {

	@Override
	String username() {
		return "rep";
	}

	@Override
	List<Stop> stops() {
		return List.of(page("/"), page("/my-day"), andFirst("/accounts", "#accounts-table a[href^='/accounts/']"),
				andFirst("/contacts", "#contacts-table a[href^='/contacts/']"), page("/contacts/new"), page("/tasks"),
				andFirst("/leads", "#leads-table a[href^='/leads/']"), page("/leads/new"),
				andFirst("/opportunities", "#opportunities-table a[href^='/opportunities/']"),
				page("/opportunities/new"), page("/opportunities/board"), page("/forecast"), page("/quotas"),
				page("/partners"), page("/service/calendar"), page("/service/kb"), page("/reports"),
				page("/analytics/at-risk"), page("/search?q=a"), page("/imports"), page("/notifications"));
	}

}
