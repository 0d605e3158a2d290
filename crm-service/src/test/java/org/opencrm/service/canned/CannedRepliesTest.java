package org.opencrm.service.canned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.StaleEditException;
import org.opencrm.service.DeskFixtures;
import org.opencrm.service.DeskFixtures.Fixtures;
import org.opencrm.service.ServiceDeskTest;
import org.opencrm.service.ticket.OpenTicket;
import org.opencrm.service.ticket.OpenedTicket;
import org.opencrm.service.ticket.TicketChannel;
import org.opencrm.service.ticket.TicketService;
import org.springframework.beans.factory.annotation.Autowired;

@ServiceDeskTest
class CannedRepliesTest {

	@Autowired
	CannedReplies canned;

	@Autowired
	TicketService tickets;

	@Autowired
	Fixtures fixtures;

	@Test
	void mergeFieldsAreFilledFromTheTicketAndTheAgentAndUnknownOnesStay() {
		fixtures.noRoutingRules();
		OpenedTicket t = tickets.open(OpenTicket.fromEmail(TicketChannel.EMAIL,
				"canned-" + DeskFixtures.unique() + "@example.com", "Clara Canned", "Broken lamp", "It flickers"));
		long id = canned.create("Greeting " + DeskFixtures.unique(),
				"Hi {{contact.firstName}}, about {{ticket.number}} ({{ticket.subject}}). {{agent.fullName}} {{unknown.field}}");

		String text = canned.render(id, t.id(), "Alex Agent");

		assertThat(text).isEqualTo("Hi Clara, about " + t.number() + " (Broken lamp). Alex Agent {{unknown.field}}");
	}

	@Test
	void titleAndTextAreRequiredAndTitlesUnique() {
		String title = "Unique " + DeskFixtures.unique();
		long id = canned.create(title, "Text");

		assertThatThrownBy(() -> canned.create(" ", "Text")).isInstanceOf(RuleViolationException.class);
		assertThatThrownBy(() -> canned.create("Something", " ")).isInstanceOf(RuleViolationException.class);
		assertThatThrownBy(() -> canned.create(title.toUpperCase(), "Again")).isInstanceOf(RuleViolationException.class)
			.satisfies(e -> assertThat(((RuleViolationException) e).code()).isEqualTo("canned.title.taken"));
		canned.update(id, title, "New text", 0);
		assertThatThrownBy(() -> canned.update(id, title, "Stale", 0)).isInstanceOf(StaleEditException.class);
	}

}
