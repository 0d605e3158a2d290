package org.opencrm.sales.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencrm.sales.SalesFixtures.unique;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.StaleEditException;
import org.opencrm.core.user.Visibility;
import org.opencrm.sales.SalesFixtures;
import org.opencrm.sales.opportunity.OpportunityMoves;
import org.opencrm.sales.opportunity.OpportunityService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The pipeline aggregate's stage rules, through {@link PipelineAdmin}, on PostgreSQL. */
@SpringBootTest
class PipelineRulesTest {

	@Autowired
	PipelineAdmin admin;

	@Autowired
	PipelineService pipelines;

	@Autowired
	OpportunityService deals;

	@Autowired
	OpportunityMoves moves;

	@Autowired
	JdbcClient jdbc;

	private static void refusedWith(Runnable r, String code) {
		assertThatThrownBy(r::run).isInstanceOfSatisfying(RuleViolationException.class,
				e -> assertThat(e.code()).isEqualTo(code));
	}

	private Stage stage(long id) {
		return pipelines.stage(id).orElseThrow();
	}

	@Test
	void aStageNameIsTakenOncePerPipelineInAnyCase() {
		long p = admin.createPipeline("Names " + unique(), false);
		long other = admin.createPipeline("Names " + unique(), false);
		long alpha = admin.addStage(p, "Alpha", 10, StageKind.OPEN);
		long beta = admin.addStage(p, "Beta", 20, StageKind.OPEN);

		refusedWith(() -> admin.addStage(p, " alpha ", 10, StageKind.OPEN), "pipeline.stage.duplicate");
		refusedWith(() -> admin.updateStage(beta, "ALPHA", 20, StageKind.OPEN, stage(beta).version()),
				"pipeline.stage.duplicate");
		admin.updateStage(alpha, "alpha", 15, StageKind.OPEN, stage(alpha).version());
		admin.addStage(other, "Alpha", 10, StageKind.OPEN);

		assertThat(pipelines.stages(p)).extracting(Stage::name).containsExactly("alpha", "Beta");
	}

	@Test
	void badStagesAndPipelineNamesAreRefusedWithTheirRule() {
		long p = admin.createPipeline("Bad " + unique(), false);

		refusedWith(() -> admin.addStage(p, " ", 10, StageKind.OPEN), "pipeline.stage.name");
		refusedWith(() -> admin.addStage(p, "x".repeat(101), 10, StageKind.OPEN), "pipeline.stage.name");
		refusedWith(() -> admin.addStage(p, "Odd", 101, StageKind.OPEN), "pipeline.stage.probability");
		refusedWith(() -> admin.addStage(p, "Odd", -1, StageKind.OPEN), "pipeline.stage.probability");
		refusedWith(() -> admin.addStage(p, "Odd", 10, null), "pipeline.stage.kind");
		refusedWith(() -> admin.createPipeline("  ", false), "pipeline.name.invalid");
		String taken = pipelines.pipeline(p).name();
		refusedWith(() -> admin.createPipeline(taken.toUpperCase(), false), "pipeline.duplicate");
		assertThatThrownBy(() -> admin.updateStage(-1, "Gone", 10, StageKind.OPEN, 0))
			.isInstanceOf(NotFoundException.class);

		assertThat(pipelines.stages(p)).isEmpty();
	}

	@Test
	void aStageHoldingDealsKeepsItsKindButMayBeRenamed() {
		SalesFixtures.TestPipeline p = SalesFixtures.pipeline(jdbc);
		long rep = SalesFixtures.user(jdbc, "SALES_REP", null);
		deals.create(SalesFixtures.deal("Held", SalesFixtures.account(jdbc, "Held Co " + unique()), p, p.propose(), rep,
				BigDecimal.ONE), Visibility.all());

		refusedWith(() -> admin.updateStage(p.propose(), "Propose", 60, StageKind.WON, stage(p.propose()).version()),
				"pipeline.stage.kindInUse");
		admin.updateStage(p.propose(), "Proposal", 65, StageKind.OPEN, stage(p.propose()).version());

		assertThat(stage(p.propose())).extracting(Stage::name, Stage::probability, Stage::kind)
			.containsExactly("Proposal", 65, StageKind.OPEN);
	}

	@Test
	void aStaleStageEditOrPipelineRenameConflicts() {
		long p = admin.createPipeline("Stale " + unique(), false);
		long s = admin.addStage(p, "One", 10, StageKind.OPEN);
		long seenStage = stage(s).version();
		long seenPipeline = pipelines.pipeline(p).version();
		admin.updateStage(s, "One b", 10, StageKind.OPEN, seenStage);
		admin.renamePipeline(p, "Stale " + unique(), seenPipeline);

		assertThatThrownBy(() -> admin.updateStage(s, "One c", 10, StageKind.OPEN, seenStage))
			.isInstanceOf(StaleEditException.class);
		assertThatThrownBy(() -> admin.renamePipeline(p, "Stale " + unique(), seenPipeline))
			.isInstanceOf(StaleEditException.class);
		assertThat(stage(s).name()).isEqualTo("One b");
	}

	@Test
	void stagesSwapWithTheirNeighbourAndTheEndsStayPut() {
		long p = admin.createPipeline("Order " + unique(), false);
		long a = admin.addStage(p, "A", 10, StageKind.OPEN);
		long b = admin.addStage(p, "B", 20, StageKind.OPEN);
		long c = admin.addStage(p, "C", 100, StageKind.WON);

		admin.moveStage(a, true);
		admin.moveStage(c, false);
		assertThat(pipelines.stages(p)).extracting(Stage::id).containsExactly(a, b, c);

		admin.moveStage(c, true);
		admin.moveStage(a, false);
		assertThat(pipelines.stages(p)).extracting(Stage::id).containsExactly(c, a, b);
	}

	@Test
	void aStageADealPassedThroughCantBeDeletedOnlyDeactivated() {
		SalesFixtures.TestPipeline p = SalesFixtures.pipeline(jdbc);
		long rep = SalesFixtures.user(jdbc, "SALES_REP", null);
		long deal = deals.create(SalesFixtures.deal("Passing", SalesFixtures.account(jdbc, "Pass Co " + unique()), p,
				p.qualify(), rep, BigDecimal.ONE), Visibility.all());
		moves.moveStage(deal,
				jdbc.sql("select version from opportunities where id = ?").param(deal).query(Long.class).single(),
				p.propose(), null, Visibility.all());

		refusedWith(() -> admin.deleteStage(p.qualify()), "pipeline.stage.inUse");
		refusedWith(() -> admin.setStageActive(p.propose(), false), "pipeline.stage.openDeals");
		admin.setStageActive(p.qualify(), false);
		admin.deleteStage(p.won());

		assertThat(pipelines.stages(p.id())).extracting(Stage::id, Stage::active)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(p.qualify(), false),
					org.assertj.core.groups.Tuple.tuple(p.propose(), true),
					org.assertj.core.groups.Tuple.tuple(p.lost(), true));
	}

	@Test
	void aNewStageComesLast() {
		SalesFixtures.TestPipeline p = SalesFixtures.pipeline(jdbc);

		long added = admin.addStage(p.id(), "Later", 5, StageKind.OPEN);

		assertThat(pipelines.stages(p.id())).last().extracting(Stage::id, Stage::position).containsExactly(added, 5);
	}

}
