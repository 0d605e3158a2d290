package org.opencrm.sales.opportunity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencrm.sales.SalesFixtures.deal;
import static org.opencrm.sales.SalesFixtures.unique;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.user.Visibility;
import org.opencrm.sales.SalesFixtures;
import org.opencrm.sales.SalesFixtures.TestPipeline;
import org.opencrm.test.SqlStatementCounter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the board and a stage move cost in SQL statements: the same however many deals and
 * history entries there are.
 */
@SpringBootTest
@Import(SqlStatementCounter.class)
class OpportunityStatementsTest {

	@Autowired
	OpportunityService deals;

	@Autowired
	OpportunityMoves moves;

	@Autowired
	OpportunityBoard boards;

	@Autowired
	JdbcClient jdbc;

	private final Visibility all = Visibility.all();

	private int statements(Runnable r) {
		SqlStatementCounter.reset();
		r.run();
		return SqlStatementCounter.count();
	}

	private long version(long id) {
		return jdbc.sql("select version from opportunities where id = ?").param(id).query(Long.class).single();
	}

	@Test
	void theBoardIsOneStatementWhateverTheNumberOfDeals() {
		TestPipeline p = SalesFixtures.pipeline(jdbc);
		long rep = SalesFixtures.user(jdbc, "SALES_REP", null);
		long account = SalesFixtures.account(jdbc, "Board Co " + unique());
		deals.create(deal("First", account, p, p.qualify(), rep, BigDecimal.TEN), all);
		Visibility own = new Visibility(Visibility.Scope.OWN, rep, null);

		assertThat(statements(() -> boards.board(p.id(), OpportunityFilter.none(), all))).isEqualTo(1);
		jdbc.sql(
				"""
						insert into opportunities (name, account_id, pipeline_id, stage_id, status, amount, currency, close_date,
						                           owner_id, forecast_category)
						select 'Bulk ' || g, ?, ?, ?, 'OPEN', 100, 'EUR', current_date + g, ?, 'PIPELINE'
						from generate_series(1, 50) g
						""")
			.params(account, p.id(), p.propose(), rep)
			.update();

		assertThat(statements(() -> boards.board(p.id(), OpportunityFilter.none(), all))).isEqualTo(1);
		assertThat(statements(() -> boards.board(p.id(), OpportunityFilter.none(), own))).isEqualTo(1);
		Board board = boards.board(p.id(), OpportunityFilter.none(), own);
		assertThat(board.columns()).extracting(c -> c.stage().name())
			.containsExactly("Qualify", "Propose", "Won", "Lost");
		assertThat(board.columns().get(1).count()).isEqualTo(50);
		assertThat(board.columns().get(2).cards()).isEmpty();
		assertThat(board.columns().get(2).total()).isEqualByComparingTo("0");
	}

	@Test
	void aPipelineWithoutActiveStagesIsAnEmptyBoardAndAnUnknownOneIsNotFound() {
		long empty = jdbc.sql("insert into pipelines (name) values (?) returning id")
			.param("Empty " + unique())
			.query(Long.class)
			.single();

		assertThat(boards.board(empty, OpportunityFilter.none(), all).columns()).isEmpty();
		assertThatThrownBy(() -> boards.board(-1, OpportunityFilter.none(), all)).isInstanceOf(NotFoundException.class);
	}

	@Test
	void aMoveDoesNotReadTheDealsEarlierHistory() {
		TestPipeline p = SalesFixtures.pipeline(jdbc);
		long rep = SalesFixtures.user(jdbc, "SALES_REP", null);
		long account = SalesFixtures.account(jdbc, "Moves Co " + unique());
		long fresh = deals.create(deal("Fresh", account, p, p.qualify(), rep, BigDecimal.TEN), all);
		long busy = deals.create(deal("Busy", account, p, p.qualify(), rep, BigDecimal.TEN), all);
		for (int i = 0; i < 10; i++) {
			moves.moveStage(busy, version(busy), i % 2 == 0 ? p.propose() : p.qualify(), null, all);
		}

		long freshVersion = version(fresh);
		long busyVersion = version(busy);
		int freshMove = statements(() -> moves.moveStage(fresh, freshVersion, p.propose(), null, all));
		int busyMove = statements(() -> moves.moveStage(busy, busyVersion, p.propose(), null, all));

		assertThat(busyMove).isEqualTo(freshMove);
	}

}
