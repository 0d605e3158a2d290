package org.opencrm.web.journey;

import static org.opencrm.web.journey.RoleJourney.Stop.andFirst;
import static org.opencrm.web.journey.RoleJourney.Stop.page;

import java.util.List;

/**
 * A manager's day: the dashboard, reports, forecast and quotas, at-risk customers, CSAT
 * ({@link RoleJourney}: laptop and phone size, accessibility, rough text, screenshots).
 */
class ManagerJourneyTest extends RoleJourney {

	@Override
	String username() {
		return "manager";
	}

	@Override
	List<Stop> stops() {
		return List.of(page("/"), page("/dashboard"),
				andFirst("/reports", "main a[href^='/reports/']:not([href$='.csv'])"), page("/analytics/at-risk"),
				page("/forecast"), page("/quotas"), page("/partners"), page("/admin/products"),
				andFirst("/opportunities", "#opportunities-table a[href^='/opportunities/']"),
				page("/opportunities/board"), page("/service/queue"), page("/service/csat"),
				page("/marketing/campaigns"), page("/accounts"));
	}

}
