package org.opencrm.sales.opportunity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencrm.sales.SalesFixtures.unique;
import static org.opencrm.sales.SalesFixtures.deal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.core.event.DealWon;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.StaleEditException;
import org.opencrm.core.user.Visibility;
import org.opencrm.sales.SalesFixtures;
import org.opencrm.sales.SalesFixtures.TestPipeline;
import org.opencrm.sales.opportunity.OpportunityCommand.LineItem;
import org.opencrm.sales.pipeline.StageKind;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

@SpringBootTest
@RecordApplicationEvents
class OpportunityServiceTest {

	@Autowired
	OpportunityService deals;

	@Autowired
	OpportunityMoves moves;

	@Autowired
	OpportunityQuery query;

	@Autowired
	OpportunityBoard boards;

	@Autowired
	OpportunityList lists;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEvents events;

	private long version(long id) {
		return jdbc.sql("select version from opportunities where id = ?").param(id).query(Long.class).single();
	}

	private long code(Runnable r, String expected) {
		assertThatThrownBy(r::run).isInstanceOfSatisfying(RuleViolationException.class,
				e -> assertThat(e.code()).isEqualTo(expected));
		return 0;
	}

	@Test
	void everyStageChangeIsInTheHistoryAndOnTheAccountsTimeline() {
		TestPipeline p = SalesFixtures.pipeline(jdbc);
		long rep = SalesFixtures.user(jdbc, "SALES_REP", null);
		long account = SalesFixtures.account(jdbc, "Stage Co " + unique());
		long id = deals.create(deal("Big deal", account, p, p.qualify(), rep, new BigDecimal("1000")),
				Visibility.all());

		moves.moveStage(id, version(id), p.propose(), null, Visibility.all());
		moves.moveStage(id, version(id), p.won(), null, Visibility.all());

		assertThat(query.history(id, Visibility.all())).extracting(StageChange::fromStage, StageChange::toStage)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("Propose", "Won"),
					org.assertj.core.groups.Tuple.tuple("Qualify", "Propose"),
					org.assertj.core.groups.Tuple.tuple(null, "Qualify"));
		assertThat(jdbc.sql("""
				select subject_key || ' ' || (subject_args -> 0 ->> 'text') || ' ' || (subject_args -> 1 ->> 'text')
				from interactions where account_id = ? and kind = 'DEAL' order by id
				""").param(account).query(String.class).list()).containsExactly("timeline.deal.opened Big deal Qualify",
				"timeline.deal.moved Big deal Propose", "timeline.deal.moved Big deal Won");
		OpportunityDetails won = query.details(id, Visibility.all());
		assertThat(won.status()).isEqualTo(StageKind.WON);
		assertThat(won.closedAt()).isNotNull();
		assertThat(won.forecastCategory()).isEqualTo(OpportunityCommand.ForecastCategory.CLOSED);
		assertThat(events.stream(DealWon.class)).anySatisfy(e -> {
			assertThat(e.opportunityId()).isEqualTo(id);
			assertThat(e.amount()).isEqualByComparingTo("1000");
		});
	}

	@Test
	void movingToALostStageNeedsAReason() {
		TestPipeline p = SalesFixtures.pipeline(jdbc);
		long rep = SalesFixtures.user(jdbc, "SALES_REP", null);
		long id = deals.create(deal("Lost deal", SalesFixtures.account(jdbc, "Lost Co " + unique()), p, p.qualify(),
				rep, BigDecimal.TEN), Visibility.all());

		code(() -> moves.moveStage(id, version(id), p.lost(), " ", Visibility.all()),
				"opportunity.lostReason.required");
		moves.moveStage(id, version(id), p.lost(), "Price", Visibility.all());

		OpportunityDetails lost = query.details(id, Visibility.all());
		assertThat(lost.status()).isEqualTo(StageKind.LOST);
		assertThat(lost.lostReason()).isEqualTo("Price");
	}

	@Test
	void aMoveOnAStaleCopyConflictsAndLeavesTheDealWhereItWas() {
		TestPipeline p = SalesFixtures.pipeline(jdbc);
		long rep = SalesFixtures.user(jdbc, "SALES_REP", null);
		long id = deals.create(
				deal("Stale", SalesFixtures.account(jdbc, "Stale Co " + unique()), p, p.qualify(), rep, BigDecimal.TEN),
				Visibility.all());
		long seen = version(id);
		moves.moveStage(id, seen, p.propose(), null, Visibility.all());

		assertThatThrownBy(() -> moves.moveStage(id, seen, p.won(), null, Visibility.all()))
			.isInstanceOf(StaleEditException.class);
		assertThat(query.details(id, Visibility.all()).stageId()).isEqualTo(p.propose());
	}

	@Test
	void lineItemsDriveTheAmount() {
		TestPipeline p = SalesFixtures.pipeline(jdbc);
		long rep = SalesFixtures.user(jdbc, "SALES_REP", null);
		long product = jdbc
			.sql("insert into products (name, sku, unit_price, currency) values (?, ?, 200, 'EUR') returning id")
			.params("Widget", "W-" + unique())
			.query(Long.class)
			.single();
		OpportunityCommand base = deal("Lines", SalesFixtures.account(jdbc, "Lines Co " + unique()), p, p.qualify(),
				rep, new BigDecimal("5"));
		OpportunityCommand withLines = new OpportunityCommand(base.name(), base.accountId(), null, p.id(), p.qualify(),
				base.amount(), "EUR", base.closeDate(), rep, null, null, null, null, null, null, null,
				List.of(new LineItem(product, new BigDecimal("3"), null, new BigDecimal("10")),
						new LineItem(product, BigDecimal.ONE, new BigDecimal("50"), null)),
				0);

		long id = deals.create(withLines, Visibility.all());

		OpportunityDetails d = query.details(id, Visibility.all());
		assertThat(d.amount()).isEqualByComparingTo("590.00");
		assertThat(d.lines()).extracting(OpportunityDetails.Line::lineTotal)
			.usingElementComparator(BigDecimal::compareTo)
			.containsExactly(new BigDecimal("540"), new BigDecimal("50"));
	}

	@Test
	void badInputIsRefusedWithAClearRule() {
		TestPipeline p = SalesFixtures.pipeline(jdbc);
		TestPipeline other = SalesFixtures.pipeline(jdbc);
		long rep = SalesFixtures.user(jdbc, "SALES_REP", null);
		long account = SalesFixtures.account(jdbc, "Bad Co " + unique());
		OpportunityCommand ok = deal("Bad", account, p, p.qualify(), rep, BigDecimal.ONE);

		code(() -> deals.create(deal("Bad", account, p, p.qualify(), rep, new BigDecimal("-1")), Visibility.all()),
				"money.amount.negative");
		code(() -> deals.create(
				new OpportunityCommand("Old", account, null, p.id(), p.qualify(), BigDecimal.ONE, "EUR",
						LocalDate.ofInstant(org.opencrm.SalesTestApplication.NOW, java.time.ZoneOffset.UTC)
							.minusYears(2),
						rep, null, null, null, null, null, null, null, List.of(), 0),
				Visibility.all()), "opportunity.closeDate.past");
		code(() -> deals.create(deal("Bad", account, p, other.propose(), rep, BigDecimal.ONE), Visibility.all()),
				"opportunity.stage.otherPipeline");
		code(() -> deals.create(deal("Bad", account, p, -5L, rep, BigDecimal.ONE), Visibility.all()),
				"opportunity.stage.unknown");
		code(() -> deals.create(new OpportunityCommand("Bad", account, null, -9L, null, BigDecimal.ONE, "EUR",
				ok.closeDate(), rep, null, null, null, null, null, null, null, List.of(), 0), Visibility.all()),
				"opportunity.pipeline.unknown");
		code(() -> deals.create(
				new OpportunityCommand("Bad", account, null, p.id(), p.qualify(), BigDecimal.ONE, "EUR", ok.closeDate(),
						rep, null, null, null, null, null, OpportunityCommand.SalesChannel.PARTNER, null, List.of(), 0),
				Visibility.all()), "opportunity.partner.required");
		long elsewhere = SalesFixtures.contact(jdbc, SalesFixtures.account(jdbc, "Other Co " + unique()), "Eli",
				"Where", null);
		code(() -> deals.create(new OpportunityCommand("Bad", account, elsewhere, p.id(), p.qualify(), BigDecimal.ONE,
				"EUR", ok.closeDate(), rep, null, null, null, null, null, null, null, List.of(), 0), Visibility.all()),
				"opportunity.contact.otherAccount");
		long id = deals.create(ok, Visibility.all());
		code(() -> moves.moveStage(id, version(id), other.propose(), null, Visibility.all()),
				"opportunity.stage.otherPipeline");
	}

	@Test
	void theBoardShowsCappedColumnsWithTotalsOverAllDealsAndAppliesVisibility() {
		TestPipeline p = SalesFixtures.pipeline(jdbc);
		long rep = SalesFixtures.user(jdbc, "SALES_REP", null);
		long rep2 = SalesFixtures.user(jdbc, "SALES_REP", null);
		long account = SalesFixtures.account(jdbc, "Board Co " + unique());
		jdbc.sql(
				"""
						insert into opportunities (name, account_id, pipeline_id, stage_id, status, amount, currency, close_date,
						                           owner_id, forecast_category)
						select 'Bulk ' || g, ?, ?, ?, 'OPEN', 100, 'EUR', current_date + g, ?, 'PIPELINE' from generate_series(1, 60) g
						""")
			.params(account, p.id(), p.propose(), rep)
			.update();
		deals.create(deal("Other's", account, p, p.qualify(), rep2, new BigDecimal("500")), Visibility.all());

		Board all = boards.board(p.id(), OpportunityFilter.none(), Visibility.all());
		Board.Column propose = all.columns().get(1);
		assertThat(propose.cards()).hasSize(Board.CARDS_PER_COLUMN);
		assertThat(propose.count()).isEqualTo(60);
		assertThat(propose.more()).isEqualTo(60 - Board.CARDS_PER_COLUMN);
		assertThat(propose.total()).isEqualByComparingTo("6000");
		assertThat(propose.weighted()).isEqualByComparingTo("3600");
		assertThat(all.columns().get(0).count()).isEqualTo(1);

		Board mine = boards.board(p.id(), OpportunityFilter.none(), new Visibility(Visibility.Scope.OWN, rep2, null));
		assertThat(mine.columns().get(0).cards()).extracting(OpportunityRow::name).containsExactly("Other's");
		assertThat(mine.columns().get(1).count()).isZero();
	}

	@Test
	void aRepCantSeeOrMoveAnotherRepsDeal() {
		TestPipeline p = SalesFixtures.pipeline(jdbc);
		long rep = SalesFixtures.user(jdbc, "SALES_REP", null);
		long rep2 = SalesFixtures.user(jdbc, "SALES_REP", null);
		long id = deals.create(deal("Hidden", SalesFixtures.account(jdbc, "Hidden Co " + unique()), p, p.qualify(), rep,
				BigDecimal.TEN), Visibility.all());
		Visibility other = new Visibility(Visibility.Scope.OWN, rep2, null);

		assertThatThrownBy(() -> query.details(id, other)).isInstanceOf(NotFoundException.class);
		assertThatThrownBy(() -> moves.moveStage(id, version(id), p.propose(), null, other))
			.isInstanceOf(NotFoundException.class);
		assertThat(
				lists.list(new OpportunityFilter(null, null, p.id(), null, null, null, null), other, null, 50).items())
			.isEmpty();
	}

}
