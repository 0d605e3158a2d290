package org.opencrm.web.journey;

import static org.opencrm.web.journey.RoleJourney.Stop.andFirst;
import static org.opencrm.web.journey.RoleJourney.Stop.page;

import java.util.List;

/**
 * A customer in the self-service portal: their tickets, a new ticket, the help centre
 * ({@link RoleJourney}: laptop and phone size, accessibility, rough text, screenshots).
 */
class PortalCustomerJourneyTest extends RoleJourney {

	@Override
	String username() {
		return "customer";
	}

	@Override
	List<Stop> stops() {
		return List.of(andFirst("/portal", "#portal-tickets a[href^='/portal/tickets/']"), page("/portal/tickets/new"),
				page("/portal/password"), page("/help"));
	}

	@Override
	boolean staff() {
		return false;
	}

}
