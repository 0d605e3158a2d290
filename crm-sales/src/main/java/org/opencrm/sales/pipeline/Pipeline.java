package org.opencrm.sales.pipeline;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;
import org.opencrm.core.shared.BaseEntity;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;

/**
 * A sales pipeline and its stages, one aggregate: stages are added, changed, reordered,
 * deactivated and removed only here, so the pipeline's rules (a stage name once per
 * pipeline, a kind that stays while deals are in the stage, no open deals left in an
 * inactive stage, a used stage never removed) hold on every change. Counts of deals come
 * from the caller, which reads them. One default pipeline across all pipelines is the
 * service's rule.
 */
@Entity
@Table(name = "pipelines")
class Pipeline extends BaseEntity {

	private String name;

	private boolean isDefault;

	@OneToMany(cascade = CascadeType.ALL, orphanRemoval = true)
	@JoinColumn(name = "pipeline_id", nullable = false, updatable = false)
	private List<PipelineStage> stages = new ArrayList<>();

	protected Pipeline() {
	}

	Pipeline(String name, boolean isDefault) {
		rename(name);
		this.isDefault = isDefault;
	}

	/**
	 * @throws RuleViolationException {@code pipeline.name.invalid}
	 */
	void rename(String name) {
		this.name = validName(name);
	}

	void markDefault(boolean isDefault) {
		this.isDefault = isDefault;
	}

	String name() {
		return name;
	}

	boolean isDefault() {
		return isDefault;
	}

	/**
	 * Adds a stage after the last one.
	 * @throws RuleViolationException {@code pipeline.stage.name},
	 * {@code pipeline.stage.probability}, {@code pipeline.stage.kind},
	 * {@code pipeline.stage.duplicate}
	 */
	PipelineStage addStage(String name, int probability, StageKind kind) {
		requireValidStage(name, probability, kind, null);
		int last = stages.stream().mapToInt(PipelineStage::position).max().orElse(0);
		PipelineStage stage = new PipelineStage(name.trim(), last + 1, probability, kind);
		stages.add(stage);
		return stage;
	}

	/**
	 * Renames a stage, sets its probability and kind.
	 * @param version the stage's version its editor saw
	 * @param dealsInStage how many deals (any status) are in the stage
	 * @throws RuleViolationException as {@link #addStage}, and
	 * {@code pipeline.stage.kindInUse}
	 */
	void changeStage(long stageId, long version, String name, int probability, StageKind kind, long dealsInStage) {
		PipelineStage stage = stage(stageId);
		stage.checkVersion(version);
		requireValidStage(name, probability, kind, stage);
		if (kind != stage.kind() && dealsInStage > 0) {
			throw new RuleViolationException("pipeline.stage.kindInUse",
					"A stage that holds deals keeps its kind (open, won or lost).");
		}
		stage.change(name.trim(), probability, kind);
	}

	/** Swaps a stage with its neighbour ({@code up} = earlier); the first stays first. */
	void moveStage(long stageId, boolean up) {
		PipelineStage stage = stage(stageId);
		List<PipelineStage> ordered = stages.stream().sorted(PipelineStage.ORDER).toList();
		int neighbourAt = ordered.indexOf(stage) + (up ? -1 : 1);
		if (neighbourAt < 0 || neighbourAt >= ordered.size()) {
			return;
		}
		PipelineStage neighbour = ordered.get(neighbourAt);
		int from = stage.position();
		// Equal positions (ordered by id) would swap to the same order: step past the
		// neighbour.
		stage.moveTo(from == neighbour.position() ? neighbour.position() + (up ? -1 : 1) : neighbour.position());
		neighbour.moveTo(from);
	}

	/**
	 * @param openDealsInStage open deals in the stage: the board shows active stages
	 * only, so deals left in an inactive one could not be moved on
	 * @throws RuleViolationException {@code pipeline.stage.openDeals}
	 */
	void activateStage(long stageId, boolean active, long openDealsInStage) {
		PipelineStage stage = stage(stageId);
		if (!active && openDealsInStage > 0) {
			throw new RuleViolationException("pipeline.stage.openDeals",
					"Open deals are in this stage: move them on before deactivating it.");
		}
		stage.activate(active);
	}

	/**
	 * Removes a stage nobody ever used.
	 * @param uses deals in the stage plus stage-history entries naming it
	 * @throws RuleViolationException {@code pipeline.stage.inUse}: deactivate it instead
	 */
	void removeStage(long stageId, long uses) {
		PipelineStage stage = stage(stageId);
		if (uses > 0) {
			throw new RuleViolationException("pipeline.stage.inUse",
					"This stage holds deals: deactivate it instead of deleting it.");
		}
		stages.remove(stage);
	}

	PipelineStage stage(long stageId) {
		return stages.stream()
			.filter(s -> s.getId() != null && s.getId() == stageId)
			.findFirst()
			.orElseThrow(() -> new NotFoundException("Stage", stageId));
	}

	private void requireValidStage(String name, int probability, StageKind kind, PipelineStage changed) {
		if (name == null || name.isBlank() || name.trim().length() > 100) {
			throw new RuleViolationException("pipeline.stage.name", "A stage needs a name of at most 100 characters.");
		}
		if (probability < 0 || probability > 100) {
			throw new RuleViolationException("pipeline.stage.probability", "Probability must be between 0 and 100.");
		}
		if (kind == null) {
			throw new RuleViolationException("pipeline.stage.kind", "Choose open, won or lost.");
		}
		if (stages.stream().anyMatch(s -> s != changed && s.name().equalsIgnoreCase(name.trim()))) {
			throw new RuleViolationException("pipeline.stage.duplicate",
					"This pipeline already has a stage with that name.");
		}
	}

	static String validName(String name) {
		if (name == null || name.isBlank() || name.trim().length() > 100) {
			throw new RuleViolationException("pipeline.name.invalid",
					"A pipeline needs a name of at most 100 characters.");
		}
		return name.trim();
	}

}
