package org.opencrm.sales.opportunity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencrm.core.shared.SqlWhere;
import org.opencrm.core.user.Visibility;
import org.opencrm.sales.pipeline.PipelineService;
import org.opencrm.sales.pipeline.Stage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A pipeline as a {@link Board}, over the deals the user may see. */
@Service
public class OpportunityBoard {

	private final JdbcClient jdbc;

	private final PipelineService pipelines;

	private final Clock clock;

	OpportunityBoard(JdbcClient jdbc, PipelineService pipelines, Clock clock) {
		this.jdbc = jdbc;
		this.pipelines = pipelines;
		this.clock = clock;
	}

	/**
	 * A pipeline as a board: three statements whatever the number of deals (stages,
	 * capped cards per stage through a lateral join on the stage index, and the per-stage
	 * totals).
	 */
	@Transactional(readOnly = true)
	public Board board(long pipelineId, OpportunityFilter filter, Visibility visibility) {
		List<Stage> stages = jdbc
			.sql("""
					select s.id, s.pipeline_id, s.name, s.position, s.probability, s.kind, s.active, s.version, 0 as deal_count
					from pipeline_stages s where s.pipeline_id = ? and s.active order by s.position, s.id
					""")
			.param(pipelineId)
			.query(Stage.class)
			.list();
		if (stages.isEmpty()) {
			pipelines.pipeline(pipelineId);
			return new Board(pipelineId, List.of());
		}
		OpportunityFilter f = new OpportunityFilter(filter.ownerId(), filter.teamId(), null, null, null,
				filter.closeFrom(), filter.closeTo());
		SqlWhere where = OpportunityConditions.where(f, visibility, clock.getZone());
		String extra = where.sql().isEmpty() ? "" : " and " + where.sql().substring(" where ".length());
		List<OpportunityRow> cards = where
			.bind(jdbc
				.sql("""
						select c.* from pipeline_stages st cross join lateral (
						  select o.id, o.name, o.account_id, a.name as account_name, o.stage_id, st.name as stage_name, o.status,
						         o.amount, o.currency, o.close_date, o.owner_id, u.full_name as owner_name, o.version,
						         to_char(o.close_date, 'YYYY-MM-DD') as sort_key
						  from opportunities o
						  join accounts a on a.id = o.account_id
						  join users u on u.id = o.owner_id
						  where o.stage_id = st.id %s
						  order by o.close_date, o.id
						  limit :cap) c
						where st.pipeline_id = :pipeline and st.active
						order by c.close_date, c.id
						"""
					.formatted(extra)))
			.param("cap", Board.CARDS_PER_COLUMN)
			.param("pipeline", pipelineId)
			.query(OpportunityRow.class)
			.list();
		record Totals(long stageId, long count, BigDecimal total, BigDecimal weighted) {
		}
		Map<Long, Totals> totals = new LinkedHashMap<>();
		where
			.bind(jdbc.sql("""
					select o.stage_id, count(*) as count, coalesce(sum(o.amount), 0) as total,
					       coalesce(sum(o.amount * st.probability / 100.0), 0) as weighted
					from opportunities o join pipeline_stages st on st.id = o.stage_id
					%s group by o.stage_id
					""".formatted(where.sql().isEmpty() ? " where o.pipeline_id = :pipeline"
					: where.sql() + " and o.pipeline_id = :pipeline")))
			.param("pipeline", pipelineId)
			.query(Totals.class)
			.list()
			.forEach(t -> totals.put(t.stageId(), t));
		List<Board.Column> columns = new ArrayList<>();
		for (Stage s : stages) {
			Totals t = totals.getOrDefault(s.id(), new Totals(s.id(), 0, BigDecimal.ZERO, BigDecimal.ZERO));
			columns.add(new Board.Column(s, t.count(), t.total(), t.weighted().setScale(2, RoundingMode.HALF_UP),
					cards.stream().filter(card -> card.stageId() == s.id()).toList()));
		}
		return new Board(pipelineId, columns);
	}

}
