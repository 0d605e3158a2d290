package org.opencrm.sales.pipeline;

import java.util.Map;
import org.opencrm.core.audit.AuditTrail;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Setting up pipelines: several pipelines, one default; stages added, changed, reordered,
 * deactivated and removed. A pipeline is an aggregate ({@link Pipeline} with its
 * {@link PipelineStage}s: their rules, one write path through {@link PipelineRepository}
 * that checks the versions); this service adds what spans pipelines (unique names, one
 * default), the deal counts the stage rules need, and the audit trail.
 * {@link PipelineService} reads them.
 */
@Service
public class PipelineAdmin {

	static final String AUDIT_TYPE = "pipeline";

	private final PipelineRepository pipelines;

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	PipelineAdmin(PipelineRepository pipelines, JdbcClient jdbc, AuditTrail audit) {
		this.pipelines = pipelines;
		this.jdbc = jdbc;
		this.audit = audit;
	}

	/**
	 * A new pipeline; the first one is the default whatever {@code makeDefault} says.
	 * @throws RuleViolationException {@code pipeline.name.invalid},
	 * {@code pipeline.duplicate}
	 */
	@Transactional
	public long createPipeline(String name, boolean makeDefault) {
		requireFreeName(Pipeline.validName(name), -1L);
		boolean isDefault = makeDefault || pipelines.count() == 0;
		if (isDefault) {
			clearDefault(-1L);
		}
		long id = pipelines.saveAndFlush(new Pipeline(name, isDefault)).getId();
		audit.created(AUDIT_TYPE, id);
		return id;
	}

	@Transactional
	public void renamePipeline(long id, String name, long version) {
		Pipeline pipeline = load(id);
		pipeline.checkVersion(version);
		requireFreeName(Pipeline.validName(name), id);
		String before = pipeline.name();
		pipeline.rename(name);
		audit.changed(AUDIT_TYPE, id, Map.of("name", before), Map.of("name", pipeline.name()));
		// Flush now so a concurrent save fails here, as a version conflict.
		pipelines.flush();
	}

	@Transactional
	public void makeDefault(long id) {
		Pipeline pipeline = load(id);
		if (pipeline.isDefault()) {
			return;
		}
		clearDefault(id);
		pipeline.markDefault(true);
		pipelines.flush();
	}

	/**
	 * @return the new stage's id
	 */
	@Transactional
	public long addStage(long pipelineId, String name, int probability, StageKind kind) {
		Pipeline pipeline = load(pipelineId);
		PipelineStage stage = pipeline.addStage(name, probability, kind);
		pipelines.flush();
		return stage.getId();
	}

	@Transactional
	public void updateStage(long stageId, String name, int probability, StageKind kind, long version) {
		Pipeline pipeline = pipelineOf(stageId);
		pipeline.changeStage(stageId, version, name, probability, kind,
				count("select count(*) from opportunities where stage_id = :s", stageId));
		pipelines.flush();
	}

	/** Swaps a stage with its neighbour ({@code up} = earlier). */
	@Transactional
	public void moveStage(long stageId, boolean up) {
		pipelineOf(stageId).moveStage(stageId, up);
		pipelines.flush();
	}

	@Transactional
	public void setStageActive(long stageId, boolean active) {
		Pipeline pipeline = pipelineOf(stageId);
		pipeline.activateStage(stageId, active, active ? 0
				: count("select count(*) from opportunities where stage_id = :s and status = 'OPEN'", stageId));
		pipelines.flush();
	}

	/**
	 * Deletes a stage nobody ever used; a stage with deals (or their history) can only be
	 * deactivated.
	 */
	@Transactional
	public void deleteStage(long stageId) {
		Pipeline pipeline = pipelineOf(stageId);
		pipeline.removeStage(stageId, count("""
				select (select count(*) from opportunities where stage_id = :s)
				     + (select count(*) from opportunity_stage_history where to_stage_id = :s or from_stage_id = :s)
				""", stageId));
		pipelines.flush();
	}

	private Pipeline load(long id) {
		return pipelines.findById(id).orElseThrow(() -> new NotFoundException("Pipeline", id));
	}

	private Pipeline pipelineOf(long stageId) {
		return pipelines.findByStageId(stageId).orElseThrow(() -> new NotFoundException("Stage", stageId));
	}

	/**
	 * At most one pipeline is the default (a unique index says so): the old one gives it
	 * up first.
	 */
	private void clearDefault(long exceptId) {
		pipelines.findDefaultsExcept(exceptId).forEach(p -> p.markDefault(false));
		pipelines.flush();
	}

	/** A name names one pipeline, in any case: a rule across pipelines. */
	private void requireFreeName(String name, long exceptId) {
		if (pipelines.nameTaken(name, exceptId)) {
			throw new RuleViolationException("pipeline.duplicate", "A pipeline with that name exists.");
		}
	}

	private long count(String sql, long stageId) {
		return jdbc.sql(sql).param("s", stageId).query(Long.class).single();
	}

}
