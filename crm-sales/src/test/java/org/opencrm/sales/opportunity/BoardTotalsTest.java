package org.opencrm.sales.opportunity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencrm.sales.SalesFixtures.deal;
import static org.opencrm.sales.SalesFixtures.unique;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.Visibility;
import org.opencrm.sales.SalesFixtures;
import org.opencrm.sales.SalesFixtures.TestPipeline;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The board's column heads come from sums kept per stage and owner; these tests hold them
 * to the sums over the deals themselves (what the board computes when filtered by close
 * date: a filter from long ago and far ahead, which every deal passes) for everyone, a
 * rep, a manager, an owner and a team filter, after creating, moving, winning,
 * re-valuing, handing over, moving to another pipeline and deleting deals.
 */
@SpringBootTest
class BoardTotalsTest {

	private static final LocalDate EVER = LocalDate.of(1900, 1, 1);

	private static final LocalDate NEVER = LocalDate.of(2999, 12, 31);

	@Autowired
	OpportunityService deals;

	@Autowired
	OpportunityMoves moves;

	@Autowired
	OpportunityBoard boards;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theKeptSumsEqualTheSumsOverTheDealsWhateverHappensToThem() {
		TestPipeline p = SalesFixtures.pipeline(jdbc);
		TestPipeline other = SalesFixtures.pipeline(jdbc);
		long team = SalesFixtures.team(jdbc);
		long rep = SalesFixtures.user(jdbc, "SALES_REP", team);
		long teammate = SalesFixtures.user(jdbc, "SALES_REP", team);
		long outsider = SalesFixtures.user(jdbc, "SALES_REP", null);
		long manager = SalesFixtures.user(jdbc, "MANAGER", team);
		long account = SalesFixtures.account(jdbc, "Totals Co " + unique());
		long[] owners = { rep, teammate, outsider };
		// Lost ones come by a bulk move below (a lost deal needs a reason).
		long[] stages = { p.qualify(), p.propose(), p.won() };
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < 24; i++) {
			ids.add(deals.create(deal("Deal " + i, account, p, stages[(i / 3) % 3], owners[i % 3],
					new BigDecimal(1000 + 137 * i).add(new BigDecimal("0.35"))), Visibility.all()));
		}
		List<Visibility> readers = List.of(Visibility.all(), new Visibility(Visibility.Scope.OWN, rep, null),
				new Visibility(Visibility.Scope.TEAM, manager, team));
		assertSameTotals(p, readers, rep, team);

		moves.moveStage(ids.get(0), version(ids.get(0)), p.propose(), null, Visibility.all());
		moves.moveStage(ids.get(1), version(ids.get(1)), p.won(), null, Visibility.all());
		moves.moveStage(ids.get(5), version(ids.get(5)), p.qualify(), null, Visibility.all());
		jdbc.sql("update opportunities set amount = amount * 3 where id in (?, ?)")
			.params(ids.get(2), ids.get(3))
			.update();
		jdbc.sql("update opportunities set owner_id = ? where id = ?").params(outsider, ids.get(4)).update();
		jdbc.sql("update opportunities set pipeline_id = ?, stage_id = ? where id = ?")
			.params(other.id(), other.qualify(), ids.get(6))
			.update();
		jdbc.sql("update opportunities set name = 'Renamed', amount = amount where id = ?").param(ids.get(7)).update();
		jdbc.sql("delete from opportunities where id in (?, ?)").params(ids.get(8), ids.get(9)).update();
		// One statement moving many deals at once (a bulk stage change).
		jdbc.sql("update opportunities set stage_id = ?, status = 'LOST' where id in (?, ?, ?)")
			.params(p.lost(), ids.get(10), ids.get(11), ids.get(12))
			.update();

		assertSameTotals(p, readers, rep, team);
		assertSameTotals(other, readers, rep, team);
		assertThat(boards.board(other.id(), OpportunityFilter.none(), Visibility.all()).columns().get(0).count())
			.isEqualTo(1);
	}

	private void assertSameTotals(TestPipeline p, List<Visibility> readers, long owner, long team) {
		List<OpportunityFilter> filters = List.of(OpportunityFilter.none(),
				new OpportunityFilter(owner, null, null, null, null, null, null),
				new OpportunityFilter(null, team, null, null, null, null, null));
		for (Visibility reader : readers) {
			for (OpportunityFilter filter : filters) {
				Board kept = boards.board(p.id(), filter, reader);
				Board counted = boards.board(p.id(),
						new OpportunityFilter(filter.ownerId(), filter.teamId(), null, null, null, EVER, NEVER),
						reader);
				assertThat(kept.columns()).as("%s %s", reader, filter).hasSameSizeAs(counted.columns());
				for (int i = 0; i < kept.columns().size(); i++) {
					Board.Column k = kept.columns().get(i);
					Board.Column c = counted.columns().get(i);
					assertThat(k.count()).as("%s %s %s", reader, filter, k.stage().name()).isEqualTo(c.count());
					assertThat(k.total()).as("%s %s %s", reader, filter, k.stage().name())
						.isEqualByComparingTo(c.total());
					assertThat(k.weighted()).as("%s %s %s", reader, filter, k.stage().name()).isEqualTo(c.weighted());
					assertThat(k.cards()).isEqualTo(c.cards());
				}
			}
		}
	}

	private long version(long id) {
		return jdbc.sql("select version from opportunities where id = ?").param(id).query(Long.class).single();
	}

}
