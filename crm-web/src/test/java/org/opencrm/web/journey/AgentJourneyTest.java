package org.opencrm.web.journey;

import static org.opencrm.web.journey.RoleJourney.Stop.andFirst;
import static org.opencrm.web.journey.RoleJourney.Stop.page;

import java.util.List;

/**
 * A support agent's day: the queue, tickets, a customer's history, the knowledge base,
 * CSAT ({@link RoleJourney}: laptop and phone size, accessibility, rough text,
 * screenshots).
 */
class AgentJourneyTest extends RoleJourney {

	@Override
	String username() {
		return "agent";
	}

	@Override
	List<Stop> stops() {
		return List.of(page("/"), page("/service/queue"),
				andFirst("/service/tickets", "#tickets-table a[href^='/service/tickets/']"),
				andFirst("/service/kb", "#article-list a[href^='/service/kb/articles/']"), page("/service/kb/new"),
				page("/service/calendar"), page("/service/csat"),
				andFirst("/accounts", "#accounts-table a[href^='/accounts/']"),
				andFirst("/contacts", "#contacts-table a[href^='/contacts/']"), page("/tasks"), page("/reports"),
				page("/notifications"));
	}

}
