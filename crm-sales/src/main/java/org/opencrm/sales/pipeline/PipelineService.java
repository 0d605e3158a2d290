package org.opencrm.sales.pipeline;

import java.util.List;
import java.util.Optional;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.Rows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Pipelines and their stages as the rest of sales and the pages read them (pick-lists,
 * the admin page, the rules of a deal's stage): SQL rows, one statement each.
 * {@link PipelineAdmin} changes them.
 */
@Service
public class PipelineService {

	private static final String STAGE_COLUMNS = """
			s.id, s.pipeline_id, s.name, s.position, s.probability, s.kind, s.active, s.version""";

	private final JdbcClient jdbc;

	PipelineService(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional(readOnly = true)
	public List<PipelineRow> pipelines() {
		return jdbc.sql("select id, name, is_default, version from pipelines order by is_default desc, name, id")
			.query(Rows.of(PipelineRow.class))
			.list();
	}

	@Transactional(readOnly = true)
	public PipelineRow pipeline(long id) {
		return jdbc.sql("select id, name, is_default, version from pipelines where id = ?")
			.param(id)
			.query(Rows.of(PipelineRow.class))
			.optional()
			.orElseThrow(() -> new NotFoundException("Pipeline", id));
	}

	@Transactional(readOnly = true)
	public Optional<PipelineRow> defaultPipeline() {
		return jdbc.sql("select id, name, is_default, version from pipelines order by is_default desc, id limit 1")
			.query(Rows.of(PipelineRow.class))
			.optional();
	}

	/**
	 * Every stage of every pipeline, active ones first in position order; for pick-lists.
	 */
	@Transactional(readOnly = true)
	public List<Stage> allStages() {
		return jdbc
			.sql("select " + STAGE_COLUMNS + ", 0 as deal_count from pipeline_stages s"
					+ " order by s.pipeline_id, s.position, s.id")
			.query(Rows.of(Stage.class))
			.list();
	}

	/** A pipeline's stages in order, with how many deals each holds. */
	@Transactional(readOnly = true)
	public List<Stage> stages(long pipelineId) {
		return jdbc.sql("select " + STAGE_COLUMNS + """
				, (select count(*) from opportunities o where o.stage_id = s.id) as deal_count
				from pipeline_stages s where s.pipeline_id = ? order by s.position, s.id
				""").param(pipelineId).query(Rows.of(Stage.class)).list();
	}

	@Transactional(readOnly = true)
	public Optional<Stage> stage(long stageId) {
		return jdbc.sql("select " + STAGE_COLUMNS + ", 0 as deal_count from pipeline_stages s where s.id = ?")
			.param(stageId)
			.query(Rows.of(Stage.class))
			.optional();
	}

	/** A pipeline's first active open stage: where a deal starts when none is chosen. */
	@Transactional(readOnly = true)
	public Optional<Stage> firstOpenStage(long pipelineId) {
		return jdbc.sql("select " + STAGE_COLUMNS + """
				, 0 as deal_count from pipeline_stages s where s.pipeline_id = ? and s.active and s.kind = 'OPEN'
				order by s.position, s.id limit 1
				""").param(pipelineId).query(Rows.of(Stage.class)).optional();
	}

}
