package org.opencrm.sales;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.account.AccountCommand;
import org.opencrm.core.account.AccountService;
import org.opencrm.core.contact.ContactCommand;
import org.opencrm.core.contact.ContactService;
import org.opencrm.core.event.DealWon;
import org.opencrm.core.shared.LifecycleStage;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.UserCommand;
import org.opencrm.core.user.UserService;
import org.opencrm.core.user.Visibility;
import org.opencrm.sales.opportunity.OpenOpportunity;
import org.opencrm.sales.opportunity.OpportunityMoves;
import org.opencrm.sales.opportunity.OpportunityService;
import org.opencrm.sales.pipeline.PipelineAdmin;
import org.opencrm.sales.pipeline.StageKind;
import org.opencrm.web.integration.ScenarioDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Deal won, across modules: sales (with core) and marketing booted alone, without
 * crm-web. Moving a deal to a won stage publishes {@link DealWon}; after that commit
 * marketing attributes the revenue and sales' after-sale part schedules the owner's
 * follow-up call.
 */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES, extraIncludes = "marketing")
@TestPropertySource(properties = { "crm.test.own-database=true", "crm.embedded-db.enabled=false",
		"crm.marketing.scheduler.enabled=false", "crm.tasks.reminders.enabled=false",
		"crm.health.scheduler.enabled=false" })
class DealWonScenarioTest {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		ScenarioDatabase.register(registry);
	}

	@Autowired
	OpportunityService opportunities;

	@Autowired
	OpportunityMoves moves;

	@Autowired
	PipelineAdmin pipelines;

	@Autowired
	AccountService accounts;

	@Autowired
	ContactService contacts;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	@Test
	void aWonDealIsAttributedByMarketingAndGetsAnAfterSaleFollowUp(Scenario scenario) {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		long owner = users.createUser(new UserCommand("won-" + tag, "Winnie Won", "won-" + tag + "@example.com",
				Role.SALES_REP, null, true, "Scenario-Password-42!", 0));
		long account = accounts.create(new AccountCommand("Won " + tag, null, null, null, null, null, null, null, null,
				null, LifecycleStage.OPPORTUNITY, owner, List.of(), 0));
		long buyer = contacts.create(new ContactCommand("Bea", "Buyer" + tag, null, "bea-" + tag + "@example.com", null,
				null, null, null, null, null, account, LifecycleStage.OPPORTUNITY, owner, List.of(), true, false, 0));
		long pipeline = pipelines.createPipeline("Scenario " + tag, false);
		long open = pipelines.addStage(pipeline, "Proposal", 50, StageKind.OPEN);
		long won = pipelines.addStage(pipeline, "Won", 100, StageKind.WON);
		long deal = opportunities.open(new OpenOpportunity("Deal " + tag, account, buyer, pipeline, open,
				new BigDecimal("1200.00"), "EUR", LocalDate.now(clock).plusDays(10), owner, null, null, null));

		scenario.stimulate(() -> moves.moveStage(deal, version(deal), won, null, Visibility.all()))
			.andWaitForStateChange(() -> outcome(deal), Outcome::complete)
			.andExpect(DealWon.class)
			.matchingMappedValue(DealWon::opportunityId, deal)
			.toArriveAndVerify(event -> {
				assertThat(event.accountId()).isEqualTo(account);
				assertThat(event.amount()).isEqualByComparingTo("1200");
				Outcome outcome = outcome(deal);
				assertThat(outcome.attributedAmount()).isEqualByComparingTo("1200");
				assertThat(outcome.followUps())
					.containsExactly("Post-purchase follow-up call: Deal " + tag + "@" + owner);
			});
	}

	private long version(long deal) {
		return jdbc.sql("select version from opportunities where id = ?").param(deal).query(Long.class).single();
	}

	/** What the two listeners leave behind: marketing's attribution, sales' tasks. */
	private Outcome outcome(long deal) {
		BigDecimal amount = jdbc.sql("select amount from campaign_attributions where opportunity_id = ?")
			.param(deal)
			.query(BigDecimal.class)
			.optional()
			.orElse(null);
		List<String> tasks = jdbc.sql("select title || '@' || assignee_id from tasks where related_ref = ? order by id")
			.param("opportunity:" + deal)
			.query(String.class)
			.list();
		return new Outcome(amount, tasks);
	}

	record Outcome(BigDecimal attributedAmount, List<String> followUps) {

		boolean complete() {
			return attributedAmount != null && !followUps.isEmpty();
		}

	}

}
