package org.opencrm.service.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.service.DeskFixtures;
import org.opencrm.service.DeskFixtures.Fixtures;
import org.opencrm.service.ServiceDeskTest;
import org.opencrm.service.queue.QueueService;
import org.opencrm.service.ticket.OpenTicket;
import org.opencrm.service.ticket.TicketChannel;
import org.opencrm.service.ticket.TicketDetails;
import org.opencrm.service.ticket.TicketPriority;
import org.opencrm.service.ticket.TicketLookup;
import org.opencrm.service.ticket.TicketService;
import org.opencrm.service.ticket.TicketActions;
import org.opencrm.service.ticket.TicketType;
import org.opencrm.service.tier.AccountTiers;
import org.opencrm.core.user.Visibility;
import org.opencrm.service.tier.ServiceTier;
import org.springframework.beans.factory.annotation.Autowired;

@ServiceDeskTest
class RoutingRulesTest {

	@Autowired
	RoutingRules rules;

	@Autowired
	TicketService tickets;

	@Autowired
	TicketLookup ticketLookup;

	@Autowired
	TicketActions ticketActions;

	@Autowired
	QueueService queues;

	@Autowired
	AccountTiers tiers;

	@Autowired
	Fixtures fixtures;

	long a1;

	long a2;

	long away;

	long returns;

	long vip;

	long urgentAgent;

	@BeforeEach
	void setUp() {
		fixtures.noRoutingRules();
		a1 = fixtures.agent("Rr One");
		a2 = fixtures.agent("Rr Two");
		away = fixtures.agent("Rr Away");
		returns = fixtures.queue("Returns", a1, a2, away);
		queues.setAvailable(returns, away, false);
		vip = fixtures.queue("VIP");
		urgentAgent = fixtures.agent("Urgent Agent");
		rules.create(new RuleCommand("Urgent to a person", true, null, TicketPriority.URGENT, null, null, null, null,
				urgentAgent, false, 0));
		rules.create(
				new RuleCommand("Gold accounts", true, null, null, null, ServiceTier.GOLD, null, vip, null, false, 0));
		rules.create(new RuleCommand("Returns by keyword", true, null, null, TicketChannel.EMAIL, null,
				"refund, return", returns, null, true, 0));
		rules.create(new RuleCommand("Disabled catch-all", false, null, null, null, null, null, vip, null, false, 0));
	}

	private TicketDetails open(TicketPriority priority, Long accountId, String subject) {
		long id = tickets
			.open(new OpenTicket(TicketChannel.EMAIL, null, accountId, "r-" + DeskFixtures.unique() + "@example.com",
					null, subject, "Details", TicketType.SERVICE_REQUEST, priority, null, null, List.of(), null, null,
					List.of(), null))
			.id();
		return ticketLookup.details(id);
	}

	@Test
	void theFirstMatchingRuleDecides() {
		long gold = fixtures.account("Gold Co");
		tiers.setTier(gold, ServiceTier.GOLD, Visibility.all());

		assertThat(open(TicketPriority.URGENT, gold, "I want a refund").assigneeId()).isEqualTo(urgentAgent);
		assertThat(open(TicketPriority.NORMAL, gold, "I want a refund").queueId()).isEqualTo(vip);
		TicketDetails plain = open(TicketPriority.NORMAL, null, "Nothing special");
		assertThat(plain.queueId()).isNull();
		assertThat(plain.assigneeId()).isNull();
	}

	@Test
	void keywordRulesHandOutTicketsRoundRobinAmongAvailableAgents() {
		List<Long> assignees = List.of(open(TicketPriority.NORMAL, null, "Return label please").assigneeId(),
				open(TicketPriority.LOW, null, "REFUND now").assigneeId(),
				open(TicketPriority.NORMAL, null, "Where is my refund").assigneeId());

		assertThat(assignees).containsExactly(Math.min(a1, a2), Math.max(a1, a2), Math.min(a1, a2));
		assertThat(assignees).doesNotContain(away);
	}

	@Test
	void rerouteAppliesTheRulesAgain() {
		long id = open(TicketPriority.NORMAL, null, "Nothing special").id();
		long gold = fixtures.account("Late Gold");
		tiers.setTier(gold, ServiceTier.GOLD, Visibility.all());
		fixtures.jdbc().sql("update tickets set account_id = ? where id = ?").params(gold, id).update();

		assertThat(ticketActions.reroute(id)).isTrue();
		assertThat(ticketLookup.details(id).queueId()).isEqualTo(vip);
	}

	@Test
	void aRuleWithoutTargetOrNameIsRefused() {
		assertThatThrownBy(() -> rules
			.create(new RuleCommand("No target", true, null, null, null, null, null, null, null, false, 0)))
			.isInstanceOf(RuleViolationException.class);
		assertThatThrownBy(
				() -> rules.create(new RuleCommand(" ", true, null, null, null, null, null, vip, null, false, 0)))
			.isInstanceOf(RuleViolationException.class);
		assertThatThrownBy(() -> rules
			.create(new RuleCommand("RR without queue", true, null, null, null, null, null, null, a1, true, 0)))
			.isInstanceOf(RuleViolationException.class);
	}

	@Test
	void rulesMoveUpAndDown() {
		List<RoutingRule> before = rules.all();
		rules.move(before.get(1).id(), true);

		assertThat(rules.all().get(0).id()).isEqualTo(before.get(1).id());
		assertThat(rules.all().get(1).id()).isEqualTo(before.get(0).id());
	}

}
