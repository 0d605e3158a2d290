package org.opencrm.web.marketing.sequence;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.opencrm.marketing.sequence.SequenceCommand;
import org.opencrm.marketing.sequence.SequenceViews.SequenceDetails;
import org.opencrm.marketing.sequence.SequenceViews.StepView;
import org.opencrm.marketing.sequence.Step;
import org.opencrm.web.system.Forms;

/**
 * A sequence as typed, new or edited. Steps are one per line, so the form works without
 * JavaScript: {@code send 3} (template id), {@code wait 2} (days),
 * {@code branch opened 4 6} (then / else step), {@code tag engaged},
 * {@code task Call them}.
 */
class SequenceForm {

	@NotBlank
	@Size(max = 200)
	private String name;

	@Size(max = 50)
	@Pattern(regexp = "^[A-Za-z0-9 _.-]*$")
	private String enrolTag;

	private boolean enrolOnLeadConverted;

	/** The version the edit started from; null for a new sequence. */
	private Long version;

	@NotBlank
	@Size(max = 5000)
	private String steps = "send 1\nwait 3\nbranch opened 4 5\ntag engaged\ntask Call about the offer";

	/**
	 * The form for editing a saved sequence, its steps written back in the syntax they
	 * are typed in.
	 */
	static SequenceForm of(SequenceDetails s) {
		SequenceForm f = new SequenceForm();
		f.name = s.name();
		f.enrolTag = s.enrolTag();
		f.enrolOnLeadConverted = s.enrolOnLeadConverted();
		f.version = s.version();
		f.steps = s.steps().stream().map(SequenceForm::line).collect(Collectors.joining("\n"));
		return f;
	}

	private static String line(StepView s) {
		return switch (s.kind()) {
			case SEND -> "send " + s.templateId();
			case WAIT -> "wait " + s.waitDays();
			case BRANCH -> "branch " + s.branchOn().toLowerCase(Locale.ROOT) + " " + s.thenStep() + " " + s.elseStep();
			case TAG -> "tag " + s.tag();
			case TASK -> "task " + s.taskTitle();
		};
	}

	/** A line that isn't a step: its number (from 1) and the message key. */
	record LineProblem(int line, String code) {
	}

	/** The parsed steps, or the first line that can't be one. */
	Object parse() {
		List<Step> out = new ArrayList<>();
		String[] lines = steps.split("\\R");
		int position = 0;
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i].trim();
			if (line.isEmpty()) {
				continue;
			}
			position++;
			String[] w = line.split("\\s+", 2);
			String rest = w.length > 1 ? w[1].trim() : "";
			try {
				out.add(switch (w[0].toLowerCase(Locale.ROOT)) {
					case "send" -> Step.send(position, Long.parseLong(rest));
					case "wait" -> Step.waitDays(position, Integer.parseInt(rest));
					case "branch" -> {
						String[] b = rest.split("\\s+");
						if (b.length != 3) {
							throw new IllegalArgumentException();
						}
						yield Step.branch(position, b[0].toUpperCase(Locale.ROOT), Integer.parseInt(b[1]),
								Integer.parseInt(b[2]));
					}
					case "tag" -> Step.tag(position, requireText(rest));
					case "task" -> Step.task(position, requireText(rest));
					default -> throw new IllegalArgumentException();
				});
			}
			catch (IllegalArgumentException ex) {
				return new LineProblem(i + 1, "mkt.sequence.steps.badLine");
			}
		}
		return out;
	}

	private static String requireText(String s) {
		if (s.isBlank()) {
			throw new IllegalArgumentException();
		}
		return s;
	}

	@SuppressWarnings("unchecked")
	SequenceCommand toCommand(Object parsed) {
		return new SequenceCommand(name.trim(), Forms.trimmed(enrolTag), enrolOnLeadConverted, (List<Step>) parsed);
	}

	public String getName() {
		return name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public String getEnrolTag() {
		return enrolTag;
	}

	public void setEnrolTag(String enrolTag) {
		this.enrolTag = enrolTag;
	}

	public boolean isEnrolOnLeadConverted() {
		return enrolOnLeadConverted;
	}

	public void setEnrolOnLeadConverted(boolean enrolOnLeadConverted) {
		this.enrolOnLeadConverted = enrolOnLeadConverted;
	}

	public Long getVersion() {
		return version;
	}

	public void setVersion(Long version) {
		this.version = version;
	}

	public String getSteps() {
		return steps;
	}

	public void setSteps(String steps) {
		this.steps = steps;
	}

}
