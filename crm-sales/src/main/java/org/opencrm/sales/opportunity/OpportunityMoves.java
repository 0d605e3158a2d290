package org.opencrm.sales.opportunity;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.opencrm.core.audit.AuditTrail;
import org.opencrm.core.event.DealWon;
import org.opencrm.core.shared.Actor;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.StaleEditException;
import org.opencrm.core.user.Visibility;
import org.opencrm.core.workflow.RecordChanges;
import org.opencrm.sales.pipeline.PipelineService;
import org.opencrm.sales.pipeline.Stage;
import org.opencrm.sales.shared.Scopes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves deals between the stages of their pipeline: the board's and the deal page's "move
 * to", and the API's. {@link Opportunity#moveTo} holds the rules and writes the stage
 * history; a move to a won stage publishes {@link DealWon}; every move goes on the
 * account's timeline.
 */
@Service
public class OpportunityMoves {

	private final OpportunityRepository deals;

	private final PipelineService pipelines;

	private final StageTimeline timeline;

	private final AuditTrail audit;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final RecordChanges changes;

	OpportunityMoves(OpportunityRepository deals, PipelineService pipelines, StageTimeline timeline, AuditTrail audit,
			JdbcClient jdbc, Clock clock, RecordChanges changes) {
		this.changes = changes;
		this.deals = deals;
		this.audit = audit;
		this.pipelines = pipelines;
		this.timeline = timeline;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Moves a deal to another stage of its pipeline; the same stage moves nothing.
	 * @param version the one the user saw: a stale card conflicts and nothing moves
	 * @throws StaleEditException on a stale {@code version}
	 * @throws RuleViolationException {@code opportunity.stage.unknown}, and
	 * {@link Opportunity#moveTo}'s
	 */
	@Transactional
	public void moveStage(long id, long version, long stageId, String lostReason, Visibility visibility) {
		Opportunity deal = deals.get(id);
		Scopes.requireVisible(jdbc, visibility, deal.ownerId(), "Opportunity", id);
		deal.checkVersion(version);
		Stage stage = pipelines.stage(stageId)
			.orElseThrow(() -> new RuleViolationException("opportunity.stage.unknown", "There is no such stage."));
		deal.moveTo(stage, lostReason, Actor.currentIdOrNull(), clock).ifPresent(move -> {
			deals.saveChanges(deal);
			Map<String, String> before = stageField(move.fromStageId());
			audit.changed(OpportunityService.AUDIT_TYPE, id, before, Map.of("stage", stage.name()));
			timeline.record(deal, move);
			changes.updated(OpportunityService.WORKFLOW_TYPE, id, before, Map.of("stage", stage.name()));
		});
	}

	/** The stage a move left, as the field history shows it. */
	private Map<String, String> stageField(Long stageId) {
		Map<String, String> field = new HashMap<>();
		field.put("stage", stageId == null ? null : pipelines.stage(stageId).map(Stage::name).orElse(null));
		return field;
	}

}
