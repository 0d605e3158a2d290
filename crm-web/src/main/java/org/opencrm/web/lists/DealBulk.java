package org.opencrm.web.lists;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.user.Visibility;
import org.opencrm.sales.opportunity.OpportunityDetails;
import org.opencrm.sales.opportunity.OpportunityFilter;
import org.opencrm.sales.opportunity.OpportunityList;
import org.opencrm.sales.opportunity.OpportunityMoves;
import org.opencrm.sales.opportunity.OpportunityQuery;
import org.opencrm.sales.opportunity.OpportunityService;
import org.opencrm.sales.pipeline.PipelineRow;
import org.opencrm.sales.pipeline.PipelineService;
import org.opencrm.sales.pipeline.Stage;
import org.opencrm.sales.pipeline.StageKind;
import org.opencrm.web.report.CsvWriter.Cell;
import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Bulk actions and CSV export on the deals list: assign (through
 * {@link OpportunityService#assign}: owner rule, field history, notification) and stage
 * moves (through {@link OpportunityMoves#moveStage}, as on the board: a stage of another
 * pipeline than a deal's is refused for that deal, a lost stage needs the form's reason)
 * and delete (managers and admins; {@link OpportunityService#delete}, which keeps won
 * deals), row by row ({@link BulkRuns}). Deals have no tags: the list offers none.
 */
@Component
public class DealBulk {

	private final OpportunityService deals;

	private final OpportunityMoves moves;

	private final OpportunityQuery query;

	private final OpportunityList list;

	private final PipelineService pipelines;

	private final MessageSource messages;

	private final CsvDownloads downloads;

	private final BulkRuns runs;

	DealBulk(OpportunityService deals, OpportunityMoves moves, OpportunityQuery query, OpportunityList list,
			PipelineService pipelines, MessageSource messages, CsvDownloads downloads, BulkRuns runs) {
		this.deals = deals;
		this.moves = moves;
		this.query = query;
		this.list = list;
		this.pipelines = pipelines;
		this.messages = messages;
		this.downloads = downloads;
		this.runs = runs;
	}

	/**
	 * A stage a bulk move may choose: its id, as the form sends it, and "Pipeline ·
	 * Stage".
	 */
	public record StageChoice(String id, String label) {
	}

	/** Every pipeline's active stages, in pipeline and stage order. */
	public List<StageChoice> stageChoices() {
		return stageChoices(pipelines.allStages());
	}

	/** {@link #stageChoices()} of the stages a page has loaded already. */
	public List<StageChoice> stageChoices(List<Stage> stages) {
		Map<Long, String> names = pipelines.pipelines()
			.stream()
			.collect(Collectors.toMap(PipelineRow::id, PipelineRow::name));
		return stages.stream()
			.filter(Stage::active)
			.map(s -> new StageChoice(Long.toString(s.id()), names.get(s.pipelineId()) + " · " + s.name()))
			.toList();
	}

	/**
	 * @param reason why, for a move to a lost stage (required then; refused before any
	 * row is touched)
	 */
	public BulkOutcome run(BulkAction action, String reason, BulkSelection rows, Visibility visibility) {
		if (action.kind() == BulkAction.Kind.ASSIGN) {
			return runs.run(rows, (id, version) -> deals.assign(id, version, action.ownerId(), visibility));
		}
		if (action.kind() == BulkAction.Kind.DELETE) {
			return runs.run(rows, (id, version) -> {
				deals.delete(id, version, visibility);
				return true;
			});
		}
		if (action.kind() != BulkAction.Kind.STAGE) {
			throw new RuleViolationException("bulk.action.unknown", "Choose what to do with the selected rows.");
		}
		Stage stage = pipelines.stage(Long.parseLong(action.stage()))
			.orElseThrow(() -> new RuleViolationException("bulk.stage.required", "Choose the new stage."));
		if (stage.kind() == StageKind.LOST && (reason == null || reason.isBlank())) {
			throw new RuleViolationException("bulk.reason.lost", "Say why the deals were lost.");
		}
		return runs.run(rows, (id, version) -> {
			OpportunityDetails d = query.details(id, visibility);
			BulkRuns.requireVersion("Opportunity", id, version, d.version());
			if (d.stageId() == stage.id()) {
				return false;
			}
			moves.moveStage(id, version, stage.id(), reason, visibility);
			return true;
		});
	}

	/** Every deal the filters match that the user may see, walked by keyset. */
	public ResponseEntity<StreamingResponseBody> export(OpportunityFilter filter, Visibility visibility,
			Locale locale) {
		List<Cell> header = downloads.header(locale, "list.csv.id", "opportunity.name", "opportunity.account",
				"opportunity.stage", "opportunity.status", "opportunity.amount", "opportunity.currency",
				"opportunity.closeDate", "common.owner");
		return downloads.csv("deals", header, csv -> CsvDownloads.walk(
				cursor -> list.list(filter, visibility, cursor, CsvDownloads.CHUNK),
				o -> csv.row(List.of(Cell.number(Long.toString(o.id())), Cell.text(o.name()),
						Cell.text(o.accountName()), Cell.text(o.stageName()),
						Cell.text(messages.getMessage("opportunity.status." + o.status().name(), null,
								o.status().name(), locale)),
						Cell.number(o.amount() == null ? null : o.amount().toPlainString()), Cell.text(o.currency()),
						Cell.text(o.closeDate() == null ? null : o.closeDate().toString()),
						Cell.text(o.ownerName())))));
	}

}
