package org.opencrm.marketing.sequence;

/**
 * One step of a sequence, numbered from 1. Only the fields of its kind are set:
 * {@code templateId} (SEND), {@code waitDays} (WAIT), {@code branchOn} OPENED/CLICKED
 * with {@code thenStep} and {@code elseStep} (BRANCH), {@code tag} (TAG),
 * {@code taskTitle} (TASK).
 */
public record Step(int position, StepKind kind, Long templateId, Integer waitDays, String branchOn, Integer thenStep,
		Integer elseStep, String tag, String taskTitle) {

	public static Step send(int position, long templateId) {
		return new Step(position, StepKind.SEND, templateId, null, null, null, null, null, null);
	}

	public static Step waitDays(int position, int days) {
		return new Step(position, StepKind.WAIT, null, days, null, null, null, null, null);
	}

	public static Step branch(int position, String on, int thenStep, int elseStep) {
		return new Step(position, StepKind.BRANCH, null, null, on, thenStep, elseStep, null, null);
	}

	public static Step tag(int position, String tag) {
		return new Step(position, StepKind.TAG, null, null, null, null, null, tag, null);
	}

	public static Step task(int position, String title) {
		return new Step(position, StepKind.TASK, null, null, null, null, null, null, title);
	}
}
