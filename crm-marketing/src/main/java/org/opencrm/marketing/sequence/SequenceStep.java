package org.opencrm.marketing.sequence;

import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.util.Locale;
import java.util.Objects;

/**
 * A stored step of a {@link Sequence} (a row of {@code sequence_steps}): part of the
 * sequence, never edited on its own. {@link Step} is its public face.
 */
@Embeddable
class SequenceStep {

	private int position;

	@Enumerated(EnumType.STRING)
	private StepKind kind;

	private Long templateId;

	private Integer waitDays;

	private String branchOn;

	private Integer thenStep;

	private Integer elseStep;

	private String tag;

	private String taskTitle;

	protected SequenceStep() {
	}

	SequenceStep(Step s) {
		this.position = s.position();
		this.kind = s.kind();
		this.templateId = s.templateId();
		this.waitDays = s.waitDays();
		this.branchOn = s.branchOn();
		this.thenStep = s.thenStep();
		this.elseStep = s.elseStep();
		this.tag = s.tag() == null ? null : s.tag().trim().toLowerCase(Locale.ROOT);
		this.taskTitle = s.taskTitle();
	}

	StepKind kind() {
		return kind;
	}

	Step toStep() {
		return new Step(position, kind, templateId, waitDays, branchOn, thenStep, elseStep, tag, taskTitle);
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof SequenceStep other && toStep().equals(other.toStep());
	}

	@Override
	public int hashCode() {
		return Objects.hash(position, kind, templateId);
	}

}
