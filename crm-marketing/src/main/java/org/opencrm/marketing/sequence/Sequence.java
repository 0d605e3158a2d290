package org.opencrm.marketing.sequence;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongPredicate;
import java.util.stream.Collectors;
import org.opencrm.core.shared.BaseEntity;
import org.opencrm.core.shared.RuleViolationException;

/**
 * A nurture sequence and its numbered steps, one aggregate: the steps are only changed
 * through it, all at once, and every change moves its version. It guards what a sequence
 * may hold (complete steps numbered 1, 2, 3 …, branches to existing steps), what an edit
 * may do while contacts walk it (the steps they have reached keep their place and kind),
 * and that a paused sequence enrols nobody. Enrolments and their advancing are the
 * scheduler's rows ({@link SequenceRunner}), not part of it.
 */
@Entity
@Table(name = "sequences")
class Sequence extends BaseEntity {

	static final int NAME_MAX = 200;

	static final int TAG_MAX = 50;

	static final int TASK_TITLE_MAX = 200;

	private String name;

	private boolean active = true;

	private String enrolTag;

	private boolean enrolOnLeadConverted;

	@ElementCollection
	@CollectionTable(name = "sequence_steps", joinColumns = @JoinColumn(name = "sequence_id"))
	@OrderBy("position")
	private List<SequenceStep> steps = new ArrayList<>();

	protected Sequence() {
	}

	/**
	 * @param templateExists whether a template id names an existing template (checked
	 * here so the form can say which step is wrong)
	 */
	Sequence(SequenceCommand cmd, LongPredicate templateExists) {
		revise(cmd, 0, templateExists);
	}

	/**
	 * Changes name, triggers and steps. While contacts are active, the steps up to the
	 * furthest one a contact has reached ({@code reached}, 0 for none) keep their place
	 * and kind (their details may change); later steps may change freely and new ones be
	 * appended. Anything else is refused before anything changes.
	 * @throws RuleViolationException {@code sequence.name.invalid},
	 * {@code sequence.enrolTag.invalid}, {@code sequence.steps.required},
	 * {@code sequence.steps.order}, {@code sequence.step.incomplete},
	 * {@code sequence.steps.reached}
	 */
	void revise(SequenceCommand cmd, int reached, LongPredicate templateExists) {
		String newName = cmd.name() == null ? "" : cmd.name().trim();
		if (newName.isEmpty() || newName.length() > NAME_MAX) {
			throw new RuleViolationException("sequence.name.invalid",
					"A sequence needs a name of at most 200 characters");
		}
		String tag = normalisedTag(cmd.enrolTag());
		if (tag != null && tag.length() > TAG_MAX) {
			throw new RuleViolationException("sequence.enrolTag.invalid", "The enrolling tag is at most 50 characters");
		}
		checkSteps(cmd.steps(), templateExists);
		requireReachedStepsKept(cmd.steps(), reached);
		this.name = newName;
		this.enrolTag = tag;
		this.enrolOnLeadConverted = cmd.enrolOnLeadConverted();
		List<SequenceStep> revised = cmd.steps().stream().map(SequenceStep::new).toList();
		// Untouched steps are not rewritten: a rename writes one row.
		if (!revised.equals(steps)) {
			steps.clear();
			steps.addAll(revised);
		}
	}

	/**
	 * Stops the sequence: it neither enrols nor advances anyone until resumed; contacts
	 * keep their place.
	 */
	void pause() {
		this.active = false;
	}

	/**
	 * Lets the sequence run again: each contact goes on from the step it was at (overdue
	 * steps run on the next tick).
	 */
	void resume() {
		this.active = true;
	}

	/**
	 * @throws RuleViolationException {@code sequence.inactive} when paused
	 */
	void requireActive() {
		if (!active) {
			throw new RuleViolationException("sequence.inactive", "The sequence is paused");
		}
	}

	Map<String, String> snapshot() {
		Map<String, String> m = new LinkedHashMap<>();
		m.put("name", name);
		m.put("enrolTag", enrolTag);
		m.put("enrolOnLeadConverted", String.valueOf(enrolOnLeadConverted));
		m.put("active", String.valueOf(active));
		m.put("steps", steps.stream().map(s -> s.kind().name()).collect(Collectors.joining(" ")));
		return m;
	}

	private void requireReachedStepsKept(List<Step> revised, int reached) {
		int kept = Math.min(reached, steps.size());
		for (int i = 0; i < kept; i++) {
			if (i >= revised.size() || revised.get(i).kind() != steps.get(i).kind()) {
				throw new RuleViolationException("sequence.steps.reached",
						"Contacts have reached step {0}: steps 1 to {0} may be changed in place but not removed, moved or replaced",
						kept);
			}
		}
	}

	private static void checkSteps(List<Step> steps, LongPredicate templateExists) {
		if (steps == null || steps.isEmpty()) {
			throw new RuleViolationException("sequence.steps.required", "A sequence needs at least one step");
		}
		for (int i = 0; i < steps.size(); i++) {
			Step s = steps.get(i);
			int n = i + 1;
			if (s == null || s.position() != n) {
				throw new RuleViolationException("sequence.steps.order", "Steps must be numbered 1, 2, 3 …");
			}
			if (!complete(s, steps.size())) {
				throw new RuleViolationException("sequence.step.incomplete", "Step {0} is incomplete", n);
			}
		}
		// After every step is complete, so a template id is there to look up.
		for (Step s : steps) {
			if (s.kind() == StepKind.SEND && !templateExists.test(s.templateId())) {
				throw new RuleViolationException("sequence.step.incomplete", "Step {0} is incomplete", s.position());
			}
		}
	}

	private static boolean complete(Step s, int size) {
		if (s.kind() == null) {
			return false;
		}
		return switch (s.kind()) {
			case SEND -> s.templateId() != null;
			case WAIT -> s.waitDays() != null && s.waitDays() >= 0;
			case BRANCH -> ("OPENED".equals(s.branchOn()) || "CLICKED".equals(s.branchOn()))
					&& inRange(s.thenStep(), size) && inRange(s.elseStep(), size);
			case TAG -> s.tag() != null && !s.tag().isBlank() && s.tag().trim().length() <= TAG_MAX;
			case TASK -> s.taskTitle() != null && !s.taskTitle().isBlank() && s.taskTitle().length() <= TASK_TITLE_MAX;
		};
	}

	/** A branch may also point one past the last step, which ends the sequence. */
	private static boolean inRange(Integer step, int size) {
		return step != null && step >= 1 && step <= size + 1;
	}

	private static String normalisedTag(String s) {
		return s == null || s.isBlank() ? null : s.trim().toLowerCase(Locale.ROOT);
	}

}
