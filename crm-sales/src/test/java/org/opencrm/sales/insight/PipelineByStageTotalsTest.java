package org.opencrm.sales.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.Visibility;
import org.opencrm.sales.SalesRows;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The dashboard's pipeline by stage, read from the sums kept per stage, owner and
 * currency ({@code opportunity_stage_totals}), equals summing the open deals themselves
 * (the statement it replaced, kept here as the reference) — for everyone and for a team,
 * after deals are opened, moved, given another currency, amount or owner (in another
 * team), won and deleted.
 */
@SpringBootTest
class PipelineByStageTotalsTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SalesDashboardQuery dashboard;

	List<StageFigures> summed(long pipeline, Long team) {
		return jdbc.sql("""
				select s.id as stage_id, s.name as stage_name, s.probability, o.currency, coalesce(o.deals, 0) as deals,
				       coalesce(o.amount, 0) as amount, coalesce(o.weighted, 0) as weighted
				from pipeline_stages s
				left join lateral (
				  select o.currency, count(*) as deals, sum(o.amount) as amount,
				         round(sum(o.amount * s.probability / 100.0), 2) as weighted
				  from opportunities o where o.stage_id = s.id and o.status = 'OPEN'
				    and (cast(:team as bigint) is null or o.owner_id in (select id from users where team_id = :team))
				  group by o.currency
				) o on true
				where s.pipeline_id = :pipeline and s.kind = 'OPEN' and s.active
				order by s.position, s.id, o.currency nulls first
				""")
			.param("pipeline", pipeline)
			.param("team", team, java.sql.Types.BIGINT)
			.query(StageFigures.class)
			.list();
	}

	void assertTotalsAreSummed(long pipeline, long team) {
		Visibility all = new Visibility(Visibility.Scope.ALL, 0, null);
		assertThat(dashboard.pipelineByStage(all, null, pipeline)).isEqualTo(summed(pipeline, null));
		assertThat(dashboard.pipelineByStage(all, team, pipeline)).isEqualTo(summed(pipeline, team));
	}

	@Test
	void theKeptSumsEqualTheOpenDealsAfterEveryKindOfWrite() {
		SalesRows rows = new SalesRows(jdbc);
		long team = rows.team();
		long ada = rows.user("SALES_REP", team);
		long cy = rows.user("SALES_REP", rows.team());
		var stages = rows.pipeline();
		long account = rows.account();
		long a = rows.deal(stages, ada, account).open(stages.qualify(), "PIPELINE").amount("1000").insert();
		long b = rows.deal(stages, ada, account)
			.open(stages.qualify(), "COMMIT")
			.amount("333.33")
			.currency("USD")
			.insert();
		long c = rows.deal(stages, cy, account).open(stages.propose(), "BEST_CASE").amount("250").insert();
		assertTotalsAreSummed(stages.pipeline(), team);

		jdbc.sql("update opportunities set stage_id = ? where id = ?").params(stages.negotiate(), a).update();
		jdbc.sql("update opportunities set currency = 'EUR', amount = 444.44 where id = ?").param(b).update();
		jdbc.sql("update opportunities set owner_id = ? where id = ?").params(ada, c).update();
		assertTotalsAreSummed(stages.pipeline(), team);
		jdbc.sql("update opportunities set stage_id = ?, status = 'WON', closed_at = now() where id = ?")
			.params(stages.won(), a)
			.update();
		jdbc.sql("update opportunities set owner_id = ? where id = ?").params(cy, b).update();
		jdbc.sql("delete from opportunities where id = ?").param(c).update();
		assertTotalsAreSummed(stages.pipeline(), team);
	}

	/**
	 * Thousands of deals of a few stages, owners and currencies written by one statement
	 * each (an import, a bulk move that also changes owner, currency and amount, a bulk
	 * delete): the kept sums are the deals' own, row for row, after every statement.
	 */
	@Test
	void oneStatementWritingThousandsOfDealsKeepsEverySumExact() {
		SalesRows rows = new SalesRows(jdbc);
		long team = rows.team();
		long ada = rows.user("SALES_REP", team);
		long cy = rows.user("SALES_REP", rows.team());
		var stages = rows.pipeline();
		long account = rows.account();
		jdbc.sql("""
				insert into opportunities (name, account_id, pipeline_id, stage_id, status, amount, currency, owner_id,
				                           forecast_category, close_date)
				select 'Lot ' || g, ?, ?, case when g % 3 = 0 then ? else ? end, 'OPEN', g % 97 + 0.5,
				       case when g % 5 = 0 then 'USD' else 'EUR' end, case when g % 2 = 0 then ? else ? end,
				       'PIPELINE', date '2031-01-01' + g % 300
				from generate_series(1, 3000) g
				""").params(account, stages.pipeline(), stages.propose(), stages.qualify(), ada, cy).update();
		assertKeptSumsAreTheDeals(stages.pipeline());
		assertTotalsAreSummed(stages.pipeline(), team);

		jdbc.sql("""
				update opportunities set stage_id = case when id % 2 = 0 then ? else stage_id end,
				       owner_id = case when id % 3 = 0 then ? else owner_id end,
				       currency = case when id % 7 = 0 then 'GBP' else currency end,
				       amount = case when id % 11 = 0 then amount * 2 else amount end,
				       name = name || ' (moved)'
				where pipeline_id = ?
				""").params(stages.negotiate(), ada, stages.pipeline()).update();
		assertKeptSumsAreTheDeals(stages.pipeline());
		assertTotalsAreSummed(stages.pipeline(), team);

		jdbc.sql("update opportunities set name = name || '.' where pipeline_id = ?").param(stages.pipeline()).update();
		jdbc.sql("delete from opportunities where pipeline_id = ? and id % 4 <> 0").param(stages.pipeline()).update();
		assertKeptSumsAreTheDeals(stages.pipeline());
		assertTotalsAreSummed(stages.pipeline(), team);
	}

	/** The pipeline's non-zero kept rows are exactly its deals summed per key. */
	void assertKeptSumsAreTheDeals(long pipeline) {
		assertThat(jdbc.sql("""
				with kept as (
				  select stage_id, owner_id, currency, deals, amount from opportunity_stage_totals
				  where pipeline_id = :pipeline and (deals <> 0 or amount <> 0)
				), summed as (
				  select stage_id, owner_id, currency, count(*) as deals, sum(amount) as amount from opportunities
				  where pipeline_id = :pipeline group by 1, 2, 3
				)
				select count(*) from ((table kept except table summed) union all (table summed except table kept)) d
				""").param("pipeline", pipeline).query(Long.class).single()).isZero();
	}

}
