package org.opencrm.sales.opportunity;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.user.Visibility;
import org.opencrm.core.workflow.FieldType;
import org.opencrm.core.workflow.TriggerKind;
import org.opencrm.core.workflow.WorkflowField;
import org.opencrm.core.workflow.WorkflowRecord;
import org.opencrm.core.workflow.WorkflowRecordType;
import org.opencrm.sales.opportunity.OpportunityCommand.ForecastCategory;
import org.opencrm.sales.pipeline.PipelineService;
import org.opencrm.sales.pipeline.Stage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Deals as workflow rules see them (record type {@code deal}): the fields carry the names
 * of the deal's field history ({@link Opportunity#snapshot}), so a change event's fields
 * and a rule's fields are the same; every change goes through {@link OpportunityService}
 * or {@link OpportunityMoves}. Idle: an open deal whose stage and fields have not changed
 * for the rule's days.
 */
@Component
class DealWorkflow implements WorkflowRecordType {

	private final JdbcClient jdbc;

	private final PipelineService pipelines;

	private final OpportunityService service;

	private final OpportunityMoves moves;

	private final OpportunityRepository deals;

	DealWorkflow(JdbcClient jdbc, PipelineService pipelines, OpportunityService service, OpportunityMoves moves,
			OpportunityRepository deals) {
		this.jdbc = jdbc;
		this.pipelines = pipelines;
		this.service = service;
		this.moves = moves;
		this.deals = deals;
	}

	@Override
	public String type() {
		return OpportunityService.WORKFLOW_TYPE;
	}

	@Override
	public Set<TriggerKind> triggers() {
		return Set.of(TriggerKind.CREATED, TriggerKind.UPDATED, TriggerKind.FIELD_CHANGED, TriggerKind.IDLE);
	}

	@Override
	public List<WorkflowField> fields() {
		List<String> stages = pipelines.allStages().stream().map(Stage::name).distinct().toList();
		List<String> categories = java.util.Arrays.stream(ForecastCategory.values()).map(Enum::name).toList();
		return List.of(WorkflowField.of("name", FieldType.TEXT, true),
				new WorkflowField("stage", FieldType.CHOICE, true, stages),
				new WorkflowField("status", FieldType.CHOICE, false, List.of("OPEN", "WON", "LOST")),
				WorkflowField.of("amount", FieldType.NUMBER, false),
				WorkflowField.of("closeDate", FieldType.DATE, true), WorkflowField.of("owner", FieldType.USER, false),
				new WorkflowField("forecastCategory", FieldType.CHOICE, true, categories),
				WorkflowField.of("source", FieldType.TEXT, true));
	}

	@Override
	public Optional<WorkflowRecord> load(long id) {
		return jdbc.sql("""
				select o.id, o.name, o.owner_id, o.account_id, o.primary_contact_id, s.name as stage, o.status,
				       o.amount, o.currency, o.close_date, o.forecast_category, o.source
				from opportunities o join pipeline_stages s on s.id = o.stage_id where o.id = ?
				""").param(id).query((rs, n) -> {
			Map<String, String> values = new HashMap<>();
			values.put("name", rs.getString("name"));
			values.put("stage", rs.getString("stage"));
			values.put("status", rs.getString("status"));
			values.put("amount", rs.getBigDecimal("amount").toPlainString());
			values.put("closeDate", String.valueOf(rs.getDate("close_date").toLocalDate()));
			values.put("owner", String.valueOf(rs.getLong("owner_id")));
			values.put("forecastCategory", rs.getString("forecast_category"));
			values.put("source", rs.getString("source"));
			return new WorkflowRecord(type(), id, rs.getString("name"), rs.getLong("owner_id"),
					rs.getLong("account_id"), (Long) rs.getObject("primary_contact_id"), "opportunity:" + id, values);
		}).optional();
	}

	@Override
	public void setField(long id, String field, String value) {
		if (!"stage".equals(field)) {
			service.setFieldByRule(id, field, value);
			return;
		}
		Opportunity deal = deals.get(id);
		Stage stage = pipelines.stages(deal.pipelineId())
			.stream()
			.filter(s -> s.name().equalsIgnoreCase(value))
			.findFirst()
			.orElseThrow(() -> new RuleViolationException("opportunity.stage.unknown", "There is no such stage."));
		moves.moveStage(id, deal.getVersion(), stage.id(), null, Visibility.all());
	}

	@Override
	public boolean assignable() {
		return true;
	}

	@Override
	public void assign(long id, long userId) {
		service.assignByRule(id, userId);
	}

	@Override
	public Optional<String> idleSelect() {
		return Optional.of("""
				select id, greatest(stage_changed_at, updated_at) as since from opportunities
				where status = 'OPEN' and greatest(stage_changed_at, updated_at) < :moment
				""");
	}

}
