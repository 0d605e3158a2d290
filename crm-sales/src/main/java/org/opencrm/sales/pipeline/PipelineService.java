package org.opencrm.sales.pipeline;

import java.util.List;
import java.util.Optional;
import org.opencrm.core.audit.AuditTrail;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.StaleEditException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Pipelines and their stages: several pipelines, one default; stages added, renamed,
 * reordered and deactivated. A stage that holds deals is never deleted, only deactivated.
 */
@Service
public class PipelineService {

	private static final String STAGE_COLUMNS = """
			s.id, s.pipeline_id, s.name, s.position, s.probability, s.kind, s.active, s.version""";

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	PipelineService(JdbcClient jdbc, AuditTrail audit) {
		this.jdbc = jdbc;
		this.audit = audit;
	}

	@Transactional(readOnly = true)
	public List<Pipeline> pipelines() {
		return jdbc.sql("select id, name, is_default, version from pipelines order by is_default desc, name, id")
			.query(Pipeline.class)
			.list();
	}

	@Transactional(readOnly = true)
	public Pipeline pipeline(long id) {
		return jdbc.sql("select id, name, is_default, version from pipelines where id = ?")
			.param(id)
			.query(Pipeline.class)
			.optional()
			.orElseThrow(() -> new NotFoundException("Pipeline", id));
	}

	@Transactional(readOnly = true)
	public Optional<Pipeline> defaultPipeline() {
		return jdbc.sql("select id, name, is_default, version from pipelines order by is_default desc, id limit 1")
			.query(Pipeline.class)
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
			.query(Stage.class)
			.list();
	}

	/** A pipeline's stages in order, with how many deals each holds. */
	@Transactional(readOnly = true)
	public List<Stage> stages(long pipelineId) {
		return jdbc.sql("select " + STAGE_COLUMNS + """
				, (select count(*) from opportunities o where o.stage_id = s.id) as deal_count
				from pipeline_stages s where s.pipeline_id = ? order by s.position, s.id
				""").param(pipelineId).query(Stage.class).list();
	}

	@Transactional(readOnly = true)
	public Optional<Stage> stage(long stageId) {
		return jdbc.sql("select " + STAGE_COLUMNS + ", 0 as deal_count from pipeline_stages s where s.id = ?")
			.param(stageId)
			.query(Stage.class)
			.optional();
	}

	@Transactional
	public long createPipeline(String name, boolean makeDefault) {
		requireUniquePipelineName(name, null);
		boolean first = jdbc.sql("select count(*) from pipelines").query(Long.class).single() == 0;
		if (makeDefault || first) {
			jdbc.sql(
					"update pipelines set is_default = false, version = version + 1, updated_at = now() where is_default")
				.update();
		}
		long id = jdbc.sql("insert into pipelines (name, is_default) values (?, ?) returning id")
			.params(name.trim(), makeDefault || first)
			.query(Long.class)
			.single();
		audit.created("pipeline", id);
		return id;
	}

	@Transactional
	public void renamePipeline(long id, String name, long version) {
		Pipeline p = pipeline(id);
		checkVersion("Pipeline", id, version, p.version());
		requireUniquePipelineName(name, id);
		requireChanged(jdbc.sql(
				"update pipelines set name = ?, version = version + 1, updated_at = now() where id = ? and version = ?")
			.params(name.trim(), id, version)
			.update(), "Pipeline", id, version);
	}

	@Transactional
	public void makeDefault(long id) {
		pipeline(id);
		jdbc.sql(
				"update pipelines set is_default = false, version = version + 1, updated_at = now() where is_default and id <> ?")
			.param(id)
			.update();
		jdbc.sql(
				"update pipelines set is_default = true, version = version + 1, updated_at = now() where id = ? and not is_default")
			.param(id)
			.update();
	}

	@Transactional
	public long addStage(long pipelineId, String name, int probability, StageKind kind) {
		pipeline(pipelineId);
		validateStage(pipelineId, name, probability, kind, null);
		return jdbc
			.sql("""
					insert into pipeline_stages (pipeline_id, name, position, probability, kind)
					values (:p, :name, (select coalesce(max(position), 0) + 1 from pipeline_stages where pipeline_id = :p), :prob, :kind)
					returning id
					""")
			.param("p", pipelineId)
			.param("name", name.trim())
			.param("prob", probability)
			.param("kind", kind.name())
			.query(Long.class)
			.single();
	}

	@Transactional
	public void updateStage(long stageId, String name, int probability, StageKind kind, long version) {
		Stage s = stage(stageId).orElseThrow(() -> new NotFoundException("Stage", stageId));
		checkVersion("Stage", stageId, version, s.version());
		validateStage(s.pipelineId(), name, probability, kind, stageId);
		if (kind != s.kind() && dealsIn(stageId) > 0) {
			throw new RuleViolationException("pipeline.stage.kindInUse",
					"A stage that holds deals keeps its kind (open, won or lost).");
		}
		requireChanged(jdbc
			.sql("""
					update pipeline_stages set name = ?, probability = ?, kind = ?, version = version + 1, updated_at = now()
					where id = ? and version = ?
					""")
			.params(name.trim(), probability, kind.name(), stageId, version)
			.update(), "Stage", stageId, version);
	}

	/** Swaps a stage with its neighbour ({@code up} = earlier). */
	@Transactional
	public void moveStage(long stageId, boolean up) {
		Stage s = stage(stageId).orElseThrow(() -> new NotFoundException("Stage", stageId));
		jdbc.sql("select id from pipeline_stages where pipeline_id = ? for update")
			.param(s.pipelineId())
			.query(Long.class)
			.list();
		Optional<Stage> neighbour = jdbc
			.sql("select " + STAGE_COLUMNS + ", 0 as deal_count from pipeline_stages s"
					+ " where s.pipeline_id = :p and "
					+ (up ? "(s.position, s.id) < (:pos, :id) order by s.position desc, s.id desc"
							: "(s.position, s.id) > (:pos, :id) order by s.position, s.id")
					+ " limit 1")
			.param("p", s.pipelineId())
			.param("pos", s.position())
			.param("id", s.id())
			.query(Stage.class)
			.optional();
		neighbour.ifPresent(n -> {
			int a = s.position() == n.position() ? n.position() + (up ? -1 : 1) : n.position();
			jdbc.sql("update pipeline_stages set position = ?, version = version + 1, updated_at = now() where id = ?")
				.params(a, s.id())
				.update();
			jdbc.sql("update pipeline_stages set position = ?, version = version + 1, updated_at = now() where id = ?")
				.params(s.position(), n.id())
				.update();
		});
	}

	@Transactional
	public void setStageActive(long stageId, boolean active) {
		stage(stageId).orElseThrow(() -> new NotFoundException("Stage", stageId));
		// The board shows active stages only: open deals left in an inactive one could
		// not be moved on.
		if (!active && jdbc.sql("select count(*) from opportunities where stage_id = ? and status = 'OPEN'")
			.param(stageId)
			.query(Long.class)
			.single() > 0) {
			throw new RuleViolationException("pipeline.stage.openDeals",
					"Open deals are in this stage: move them on before deactivating it.");
		}
		jdbc.sql("update pipeline_stages set active = ?, version = version + 1, updated_at = now() where id = ?")
			.params(active, stageId)
			.update();
	}

	/**
	 * Deletes a stage nobody ever used; a stage with deals (or their history) can only be
	 * deactivated.
	 */
	@Transactional
	public void deleteStage(long stageId) {
		stage(stageId).orElseThrow(() -> new NotFoundException("Stage", stageId));
		long used = dealsIn(stageId) + jdbc
			.sql("select count(*) from opportunity_stage_history where to_stage_id = :s or from_stage_id = :s")
			.param("s", stageId)
			.query(Long.class)
			.single();
		if (used > 0) {
			throw new RuleViolationException("pipeline.stage.inUse",
					"This stage holds deals: deactivate it instead of deleting it.");
		}
		jdbc.sql("delete from pipeline_stages where id = ?").param(stageId).update();
	}

	private long dealsIn(long stageId) {
		return jdbc.sql("select count(*) from opportunities where stage_id = ?")
			.param(stageId)
			.query(Long.class)
			.single();
	}

	private void validateStage(long pipelineId, String name, int probability, StageKind kind, Long excludeId) {
		if (name == null || name.isBlank() || name.trim().length() > 100) {
			throw new RuleViolationException("pipeline.stage.name", "A stage needs a name of at most 100 characters.");
		}
		if (probability < 0 || probability > 100) {
			throw new RuleViolationException("pipeline.stage.probability", "Probability must be between 0 and 100.");
		}
		if (kind == null) {
			throw new RuleViolationException("pipeline.stage.kind", "Choose open, won or lost.");
		}
		boolean taken = jdbc
			.sql("select count(*) from pipeline_stages where pipeline_id = ? and lower(name) = lower(?) and id <> ?")
			.params(pipelineId, name.trim(), excludeId == null ? -1L : excludeId)
			.query(Long.class)
			.single() > 0;
		if (taken) {
			throw new RuleViolationException("pipeline.stage.duplicate",
					"This pipeline already has a stage with that name.");
		}
	}

	private void requireUniquePipelineName(String name, Long excludeId) {
		if (name == null || name.isBlank() || name.trim().length() > 100) {
			throw new RuleViolationException("pipeline.name.invalid",
					"A pipeline needs a name of at most 100 characters.");
		}
		boolean taken = jdbc.sql("select count(*) from pipelines where lower(name) = lower(?) and id <> ?")
			.params(name.trim(), excludeId == null ? -1L : excludeId)
			.query(Long.class)
			.single() > 0;
		if (taken) {
			throw new RuleViolationException("pipeline.duplicate", "A pipeline with that name exists.");
		}
	}

	/** A conditional update that changed nothing met a newer version saved in between. */
	private static void requireChanged(int changed, String entity, long id, long submitted) {
		if (changed == 0) {
			throw new StaleEditException(entity, id, submitted, submitted + 1);
		}
	}

	static void checkVersion(String entity, long id, long submitted, long current) {
		if (submitted != current) {
			throw new StaleEditException(entity, id, submitted, current);
		}
	}

}
