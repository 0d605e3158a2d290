package org.opencrm.web.marketing.sequence;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.opencrm.marketing.sequence.SequenceCommand;
import org.opencrm.marketing.sequence.SequenceViews.SequenceDetails;
import org.opencrm.marketing.sequence.SequenceViews.StepView;
import org.opencrm.marketing.sequence.Step;
import org.opencrm.marketing.template.TemplateDetails;
import org.opencrm.core.shared.TextQuery;
import org.opencrm.web.system.Forms;

/**
 * A sequence as typed, new or edited. Steps are one per line, so the form works without
 * JavaScript: {@code send Welcome} (a template's name; its number still works),
 * {@code wait 2} (days), {@code branch opened 4 6} (then / else step),
 * {@code tag engaged}, {@code task Call them}.
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

	/** A new sequence's example steps, sending the first template by its name. */
	static SequenceForm withExample(List<TemplateDetails> templates) {
		SequenceForm f = new SequenceForm();
		if (!templates.isEmpty()) {
			TemplateDetails first = templates.get(0);
			String name = first.name().trim();
			f.steps = "send " + (name.matches("\\d+") ? String.valueOf(first.id()) : name)
					+ f.steps.substring("send 1".length());
		}
		return f;
	}

	/**
	 * The form for editing a saved sequence, its steps written back in the syntax they
	 * are typed in: a template by its name, by its number only when another template has
	 * the same name.
	 */
	static SequenceForm of(SequenceDetails s, List<TemplateDetails> templates) {
		SequenceForm f = new SequenceForm();
		f.name = s.name();
		f.enrolTag = s.enrolTag();
		f.enrolOnLeadConverted = s.enrolOnLeadConverted();
		f.version = s.version();
		Map<String, List<Long>> byName = byName(templates);
		f.steps = s.steps().stream().map(step -> line(step, byName)).collect(Collectors.joining("\n"));
		return f;
	}

	/** Template ids by their name as compared (trimmed, any case). */
	static Map<String, List<Long>> byName(List<TemplateDetails> templates) {
		return templates.stream()
			.collect(Collectors.groupingBy(t -> TextQuery.normalise(t.name()),
					Collectors.mapping(TemplateDetails::id, Collectors.toList())));
	}

	private static String line(StepView s, Map<String, List<Long>> byName) {
		return switch (s.kind()) {
			case SEND -> "send " + templateWord(s, byName);
			case WAIT -> "wait " + s.waitDays();
			case BRANCH -> "branch " + s.branchOn().toLowerCase(Locale.ROOT) + " " + s.thenStep() + " " + s.elseStep();
			case TAG -> "tag " + s.tag();
			case TASK -> "task " + s.taskTitle();
		};
	}

	private static String templateWord(StepView s, Map<String, List<Long>> byName) {
		String name = s.templateName() == null ? "" : s.templateName().trim();
		boolean unique = byName.getOrDefault(TextQuery.normalise(name), List.of()).size() == 1;
		return unique && !name.isEmpty() && !name.matches("\\d+") ? name : String.valueOf(s.templateId());
	}

	/**
	 * A line that isn't a step: its number (from 1), the message key and the template
	 * name it named, if that was the problem.
	 */
	record LineProblem(int line, String code, String name) {

		Object[] args() {
			return new Object[] { line, name };
		}

	}

	/**
	 * The parsed steps, or the first line that can't be one; {@code templates} (by
	 * {@link #byName}) resolves a template's name.
	 */
	Object parse(Map<String, List<Long>> templates) {
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
					case "send" -> {
						if (rest.matches("\\d{1,18}")) {
							yield Step.send(position, Long.parseLong(rest));
						}
						requireText(rest);
						List<Long> named = templates.getOrDefault(TextQuery.normalise(rest), List.of());
						if (named.size() != 1) {
							throw new TemplateNameProblem(named.isEmpty() ? "mkt.sequence.steps.unknownTemplate"
									: "mkt.sequence.steps.ambiguousTemplate", rest);
						}
						yield Step.send(position, named.get(0));
					}
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
			catch (TemplateNameProblem ex) {
				return new LineProblem(i + 1, ex.code, ex.name);
			}
			catch (IllegalArgumentException ex) {
				return new LineProblem(i + 1, "mkt.sequence.steps.badLine", null);
			}
		}
		return out;
	}

	/** A {@code send} line naming no template, or several. */
	private static final class TemplateNameProblem extends RuntimeException {

		private final String code;

		private final String name;

		TemplateNameProblem(String code, String name) {
			super(code, null, false, false);
			this.code = code;
			this.name = name;
		}

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
