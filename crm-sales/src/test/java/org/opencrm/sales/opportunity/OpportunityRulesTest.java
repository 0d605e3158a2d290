package org.opencrm.sales.opportunity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencrm.sales.SalesFixtures.deal;
import static org.opencrm.sales.SalesFixtures.unique;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.core.event.DealWon;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.StaleEditException;
import org.opencrm.core.user.Visibility;
import org.opencrm.sales.SalesFixtures;
import org.opencrm.sales.SalesFixtures.TestPipeline;
import org.opencrm.sales.opportunity.OpportunityCommand.ForecastCategory;
import org.opencrm.sales.opportunity.OpportunityCommand.LineItem;
import org.opencrm.sales.pipeline.PipelineAdmin;
import org.opencrm.sales.pipeline.StageKind;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * The deal aggregate's rules and transitions, through the services that save it, on
 * PostgreSQL.
 */
@SpringBootTest
@RecordApplicationEvents
class OpportunityRulesTest {

	@Autowired
	OpportunityService deals;

	@Autowired
	OpportunityMoves moves;

	@Autowired
	OpportunityQuery query;

	@Autowired
	PipelineAdmin pipelineAdmin;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEvents events;

	private final Visibility all = Visibility.all();

	private static void refusedWith(Runnable r, String code) {
		assertThatThrownBy(r::run).isInstanceOfSatisfying(RuleViolationException.class,
				e -> assertThat(e.code()).isEqualTo(code));
	}

	/** The deal as the edit form sends it: no primary contact, no campaign. */
	private static OpportunityCommand asTheFormSendsIt(OpportunityDetails d, BigDecimal amount, List<LineItem> lines) {
		return new OpportunityCommand(d.name(), d.accountId(), null, d.pipelineId(), d.stageId(), amount, d.currency(),
				d.closeDate(), d.ownerId(), d.forecastCategory(), d.lostReason(), d.source(), null, null,
				d.salesChannel(), d.partnerAccountId(), lines, d.version());
	}

	private long historyEntries(long id) {
		return jdbc.sql("select count(*) from opportunity_stage_history where opportunity_id = ?")
			.param(id)
			.query(Long.class)
			.single();
	}

	private long product(String price) {
		return jdbc.sql(
				"insert into products (name, sku, unit_price, currency) values (?, ?, cast(? as numeric), 'EUR') returning id")
			.params("Widget", "W-" + unique(), price)
			.query(Long.class)
			.single();
	}

	record Deal(TestPipeline pipeline, long rep, long account, long contact, long id) {
	}

	/** An open deal in the first stage, about a contact, from a campaign. */
	private Deal aDeal() {
		TestPipeline p = SalesFixtures.pipeline(jdbc);
		long rep = SalesFixtures.user(jdbc, "SALES_REP", null);
		long account = SalesFixtures.account(jdbc, "Rules Co " + unique());
		long contact = SalesFixtures.contact(jdbc, account, "Ann", "Rules", null);
		OpportunityCommand base = deal("Rules deal", account, p, p.qualify(), rep, new BigDecimal("1000"));
		long id = deals
			.create(new OpportunityCommand(base.name(), account, contact, p.id(), p.qualify(), base.amount(), "EUR",
					base.closeDate(), rep, ForecastCategory.COMMIT, null, "web", 4242L, null, null, null, List.of(), 0),
					all);
		return new Deal(p, rep, account, contact, id);
	}

	@Test
	void anEditThatChangesOnlyTheAmountKeepsThePrimaryContact() {
		Deal d = aDeal();
		OpportunityDetails before = query.details(d.id(), all);

		deals.update(d.id(), asTheFormSendsIt(before, new BigDecimal("2500"), List.of()), all);

		OpportunityDetails after = query.details(d.id(), all);
		assertThat(after.amount()).isEqualByComparingTo("2500");
		assertThat(after.primaryContactId()).isEqualTo(d.contact());
		assertThat(after.campaignId()).as("the campaign the form doesn't show").isEqualTo(4242L);
		assertThat(after.forecastCategory()).isEqualTo(ForecastCategory.COMMIT);
		assertThat(after.version()).isEqualTo(before.version() + 1);
		assertThat(historyEntries(d.id())).as("no stage change").isEqualTo(1);
	}

	@Test
	void anEditThatMovesTheDealToAnotherAccountLeavesTheOldAccountsContactBehind() {
		Deal d = aDeal();
		long other = SalesFixtures.account(jdbc, "Other Co " + unique());
		OpportunityDetails before = query.details(d.id(), all);
		OpportunityCommand form = asTheFormSendsIt(before, before.amount(), List.of());

		deals.update(d.id(),
				new OpportunityCommand(form.name(), other, null, form.pipelineId(), form.stageId(), form.amount(),
						form.currency(), form.closeDate(), form.ownerId(), form.forecastCategory(), null, null, null,
						null, null, null, List.of(), form.version()),
				all);

		OpportunityDetails after = query.details(d.id(), all);
		assertThat(after.accountId()).isEqualTo(other);
		assertThat(after.primaryContactId()).isNull();
	}

	@Test
	void anEditOnAStaleCopyConflictsAndChangesNothing() {
		Deal d = aDeal();
		OpportunityDetails seen = query.details(d.id(), all);
		deals.update(d.id(), asTheFormSendsIt(seen, new BigDecimal("1100"), List.of()), all);

		assertThatThrownBy(() -> deals.update(d.id(), asTheFormSendsIt(seen, new BigDecimal("9999"), List.of()), all))
			.isInstanceOf(StaleEditException.class);
		assertThat(query.details(d.id(), all).amount()).isEqualByComparingTo("1100");
	}

	@Test
	void productLinesReplaceTheOldOnesOnEditAndTheirTotalIsTheAmount() {
		Deal d = aDeal();
		long widget = product("19.99");
		OpportunityDetails before = query.details(d.id(), all);
		deals.update(d.id(), asTheFormSendsIt(before, BigDecimal.ZERO,
				List.of(new LineItem(widget, new BigDecimal("3"), null, new BigDecimal("12.5")))), all);
		OpportunityDetails withOne = query.details(d.id(), all);

		deals.update(d.id(), asTheFormSendsIt(withOne, BigDecimal.ZERO,
				List.of(new LineItem(widget, new BigDecimal("2"), new BigDecimal("10"), null),
						new LineItem(widget, new BigDecimal("1.5"), new BigDecimal("33.33"), new BigDecimal("33.33")))),
				all);

		OpportunityDetails after = query.details(d.id(), all);
		// 3 × 19.99 × 0.875 = 52.47375 → 52.47; 2 × 10 = 20; 1.5 × 33.33 × 0.6667 = 33.33
		assertThat(withOne.amount()).isEqualByComparingTo("52.47");
		assertThat(after.lines()).extracting(OpportunityDetails.Line::lineTotal)
			.usingElementComparator(BigDecimal::compareTo)
			.containsExactly(new BigDecimal("20.00"), new BigDecimal("33.33"));
		assertThat(after.amount()).as("the amount is the table's own line totals")
			.isEqualByComparingTo(after.lines()
				.stream()
				.map(OpportunityDetails.Line::lineTotal)
				.reduce(BigDecimal.ZERO, BigDecimal::add));
		assertThat(after.version()).isEqualTo(withOne.version() + 1);
	}

	@Test
	void aBadLineIsRefusedWithItsRuleAndNothingOfTheEditIsWritten() {
		Deal d = aDeal();
		long widget = product("10");
		OpportunityDetails before = query.details(d.id(), all);

		refusedWith(
				() -> deals.update(d.id(),
						asTheFormSendsIt(before, new BigDecimal("5"),
								List.of(new LineItem(widget, BigDecimal.ONE, null, new BigDecimal("101")))),
						all),
				"opportunity.line.discount.invalid");
		refusedWith(
				() -> deals.update(d.id(),
						asTheFormSendsIt(before, new BigDecimal("5"),
								List.of(new LineItem(widget, BigDecimal.ZERO, null, null))),
						all),
				"opportunity.line.quantity.invalid");
		refusedWith(
				() -> deals.update(d.id(),
						asTheFormSendsIt(before, new BigDecimal("5"),
								List.of(new LineItem(-1, BigDecimal.ONE, null, null))),
						all),
				"opportunity.product.unknown");

		OpportunityDetails after = query.details(d.id(), all);
		assertThat(after.amount()).isEqualByComparingTo("1000");
		assertThat(after.lines()).isEmpty();
		assertThat(after.version()).isEqualTo(before.version());
	}

	@Test
	void aMoveIntoAnotherPipelinesStageIsRefusedAndWritesNothing() {
		Deal d = aDeal();
		TestPipeline other = SalesFixtures.pipeline(jdbc);
		long version = query.details(d.id(), all).version();

		refusedWith(() -> moves.moveStage(d.id(), version, other.propose(), null, all),
				"opportunity.stage.otherPipeline");
		refusedWith(() -> moves.moveStage(d.id(), version, -1, null, all), "opportunity.stage.unknown");

		assertThat(query.details(d.id(), all).version()).isEqualTo(version);
		assertThat(historyEntries(d.id())).isEqualTo(1);
	}

	@Test
	void aMoveIntoAStageNoLongerInUseIsRefused() {
		Deal d = aDeal();
		pipelineAdmin.setStageActive(d.pipeline().propose(), false);

		refusedWith(
				() -> moves.moveStage(d.id(), query.details(d.id(), all).version(), d.pipeline().propose(), null, all),
				"opportunity.stage.inactive");
		assertThat(query.details(d.id(), all).stageId()).isEqualTo(d.pipeline().qualify());
	}

	@Test
	void aMoveToTheStageTheDealIsInChangesNothing() {
		Deal d = aDeal();
		long version = query.details(d.id(), all).version();

		moves.moveStage(d.id(), version, d.pipeline().qualify(), null, all);

		assertThat(query.details(d.id(), all).version()).isEqualTo(version);
		assertThat(historyEntries(d.id())).isEqualTo(1);
	}

	@Test
	void winningADealClosesItAndPublishesDealWonWithItsContactAndCampaign() {
		Deal d = aDeal();

		moves.moveStage(d.id(), query.details(d.id(), all).version(), d.pipeline().won(), null, all);

		OpportunityDetails won = query.details(d.id(), all);
		assertThat(won.status()).isEqualTo(StageKind.WON);
		assertThat(won.forecastCategory()).isEqualTo(ForecastCategory.CLOSED);
		assertThat(won.closedAt()).isNotNull();
		assertThat(events.stream(DealWon.class).filter(e -> e.opportunityId() == d.id())).singleElement()
			.satisfies(e -> {
				assertThat(e.contactId()).isEqualTo(d.contact());
				assertThat(e.campaignId()).isEqualTo(4242L);
				assertThat(e.amount()).isEqualByComparingTo("1000");
				assertThat(e.closedOn()).isEqualTo(java.time.LocalDate.parse("2030-11-14"));
			});
		assertThat(historyEntries(d.id())).isEqualTo(2);
	}

	@Test
	void aDealOpenedInAWonStageIsWonAtOnce() {
		TestPipeline p = SalesFixtures.pipeline(jdbc);
		long rep = SalesFixtures.user(jdbc, "SALES_REP", null);

		long id = deals.create(deal("Signed", SalesFixtures.account(jdbc, "Signed Co " + unique()), p, p.won(), rep,
				new BigDecimal("700")), all);

		assertThat(events.stream(DealWon.class).filter(e -> e.opportunityId() == id)).singleElement()
			.satisfies(e -> assertThat(e.amount()).isEqualByComparingTo("700"));
		assertThat(query.details(id, all).closedAt()).isNotNull();
	}

	@Test
	void losingADealNeedsAReasonAndAWonDealCanBeReopened() {
		Deal d = aDeal();
		moves.moveStage(d.id(), query.details(d.id(), all).version(), d.pipeline().won(), null, all);

		refusedWith(() -> moves.moveStage(d.id(), query.details(d.id(), all).version(), d.pipeline().lost(), null, all),
				"opportunity.lostReason.required");
		moves.moveStage(d.id(), query.details(d.id(), all).version(), d.pipeline().propose(), null, all);

		OpportunityDetails reopened = query.details(d.id(), all);
		assertThat(reopened.status()).isEqualTo(StageKind.OPEN);
		assertThat(reopened.closedAt()).isNull();
		assertThat(reopened.forecastCategory()).isEqualTo(ForecastCategory.PIPELINE);
	}

	@Test
	void savingAClosedDealsFormAgainKeepsTheDayItClosed() {
		Deal d = aDeal();
		moves.moveStage(d.id(), query.details(d.id(), all).version(), d.pipeline().lost(), "Price", all);
		OpportunityDetails lost = query.details(d.id(), all);

		deals.update(d.id(), asTheFormSendsIt(lost, new BigDecimal("900"), List.of()), all);

		OpportunityDetails after = query.details(d.id(), all);
		assertThat(after.closedAt()).isEqualTo(lost.closedAt());
		assertThat(after.lostReason()).isEqualTo("Price");
		assertThat(historyEntries(d.id())).isEqualTo(2);
	}

}
