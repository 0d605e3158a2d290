package org.opencrm.sales.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencrm.sales.SalesFixtures.unique;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.user.Visibility;
import org.opencrm.sales.SalesFixtures;
import org.opencrm.sales.opportunity.OpportunityService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest
class PipelineServiceTest {

	@Autowired
	PipelineAdmin admin;

	@Autowired
	PipelineService pipelines;

	@Autowired
	OpportunityService deals;

	@Autowired
	JdbcClient jdbc;

	@Test
	void stagesAreAddedRenamedReorderedAndDeactivated() {
		long p = admin.createPipeline("Admin " + unique(), false);
		long a = admin.addStage(p, "Alpha", 10, StageKind.OPEN);
		long b = admin.addStage(p, "Beta", 50, StageKind.OPEN);
		admin.addStage(p, "Done", 100, StageKind.WON);

		admin.moveStage(b, true);
		long seen = pipelines.stage(a).orElseThrow().version();
		admin.updateStage(a, "Alpha two", 20, StageKind.OPEN, seen);
		assertThatThrownBy(() -> admin.updateStage(a, "Stale", 20, StageKind.OPEN, seen))
			.isInstanceOf(org.opencrm.core.shared.StaleEditException.class);
		admin.setStageActive(a, false);

		assertThat(pipelines.stages(p)).extracting(Stage::name, Stage::probability, Stage::active)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("Beta", 50, true),
					org.assertj.core.groups.Tuple.tuple("Alpha two", 20, false),
					org.assertj.core.groups.Tuple.tuple("Done", 100, true));
	}

	@Test
	void aStageWithDealsIsNotDeletedAndBadStagesAreRefused() {
		SalesFixtures.TestPipeline p = SalesFixtures.pipeline(jdbc);
		long rep = SalesFixtures.user(jdbc, "SALES_REP", null);
		deals.create(SalesFixtures.deal("Keeps", SalesFixtures.account(jdbc, "Keep Co " + unique()), p, p.qualify(),
				rep, BigDecimal.ONE), Visibility.all());

		assertThatThrownBy(() -> admin.deleteStage(p.qualify())).isInstanceOfSatisfying(RuleViolationException.class,
				e -> assertThat(e.code()).isEqualTo("pipeline.stage.inUse"));
		// Deactivated, its open deal would vanish from the board with no way to move it
		// on.
		assertThatThrownBy(() -> admin.setStageActive(p.qualify(), false)).isInstanceOfSatisfying(
				RuleViolationException.class, e -> assertThat(e.code()).isEqualTo("pipeline.stage.openDeals"));
		admin.deleteStage(p.lost());
		assertThatThrownBy(() -> admin.addStage(p.id(), "Propose", 10, StageKind.OPEN)).isInstanceOfSatisfying(
				RuleViolationException.class, e -> assertThat(e.code()).isEqualTo("pipeline.stage.duplicate"));
		assertThatThrownBy(() -> admin.addStage(p.id(), "Odd", 120, StageKind.OPEN))
			.isInstanceOf(RuleViolationException.class);
		assertThat(pipelines.stages(p.id())).extracting(Stage::id).doesNotContain(p.lost());
	}

	@Test
	void onlyOnePipelineIsTheDefault() {
		long first = admin.createPipeline("Def " + unique(), true);
		long second = admin.createPipeline("Def " + unique(), false);
		admin.makeDefault(second);

		assertThat(pipelines.defaultPipeline()).get().extracting(PipelineRow::id).isEqualTo(second);
		assertThat(pipelines.pipeline(first).isDefault()).isFalse();
	}

}
