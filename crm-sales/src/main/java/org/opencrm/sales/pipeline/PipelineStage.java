package org.opencrm.sales.pipeline;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.util.Comparator;
import org.opencrm.core.shared.BaseEntity;

/**
 * A stage of a {@link Pipeline}, changed only through it. Its own version guards the
 * stage form (a stale rename conflicts); its position orders the board's columns.
 */
@Entity
@Table(name = "pipeline_stages")
class PipelineStage extends BaseEntity {

	/** Board order: by position, ties by id (as the read queries order). */
	static final Comparator<PipelineStage> ORDER = Comparator.comparingInt(PipelineStage::position)
		.thenComparing(PipelineStage::getId, Comparator.nullsLast(Comparator.naturalOrder()));

	private String name;

	private int position;

	private int probability;

	@Enumerated(EnumType.STRING)
	private StageKind kind;

	private boolean active = true;

	protected PipelineStage() {
	}

	PipelineStage(String name, int position, int probability, StageKind kind) {
		this.name = name;
		this.position = position;
		this.probability = probability;
		this.kind = kind;
	}

	void change(String name, int probability, StageKind kind) {
		this.name = name;
		this.probability = probability;
		this.kind = kind;
	}

	void moveTo(int position) {
		this.position = position;
	}

	void activate(boolean active) {
		this.active = active;
	}

	String name() {
		return name;
	}

	int position() {
		return position;
	}

	StageKind kind() {
		return kind;
	}

	boolean active() {
		return active;
	}

}
