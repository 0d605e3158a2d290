package org.opencrm.web.marketing.segment;

import jakarta.validation.Valid;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opencrm.core.shared.LifecycleStage;
import org.opencrm.core.user.UserDirectory;
import org.opencrm.core.user.UserSummary;
import org.opencrm.marketing.segment.DefinitionProblem;
import org.opencrm.marketing.segment.InvalidSegmentDefinitionException;
import org.opencrm.marketing.segment.ListImport;
import org.opencrm.marketing.segment.SegmentCommand;
import org.opencrm.marketing.segment.SegmentDetails;
import org.opencrm.marketing.segment.SegmentField;
import org.opencrm.marketing.segment.SegmentKind;
import org.opencrm.marketing.segment.SegmentNode;
import org.opencrm.marketing.segment.SegmentQuery;
import org.opencrm.marketing.segment.SegmentService;
import org.opencrm.web.system.OnRuleViolation;
import org.opencrm.web.system.PageSize;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Segments and static lists: the list, the editor (plain form posts that re-render; htmx
 * adds a live count and preview), a segment's members, and a static list's uploads and
 * hand edits.
 */
@Controller
@RequestMapping("/marketing/segments")
class SegmentController {

	private static final Pattern ROW = Pattern.compile("^definition\\.items\\[(\\d+)](?:\\.items\\[(\\d+)])?");

	private final SegmentService segments;

	private final SegmentQuery segmentQuery;

	private final UserDirectory users;

	private final MessageSource messages;

	SegmentController(SegmentService segments, SegmentQuery segmentQuery, UserDirectory users, MessageSource messages) {
		this.segments = segments;
		this.segmentQuery = segmentQuery;
		this.users = users;
		this.messages = messages;
	}

	/** A definition problem as the editor shows it: which row, and the message. */
	record ProblemView(String rowKey, String text) {
	}

	/** One line of a definition in words, indented by depth. */
	record Line(int depth, String text) {
	}

	@GetMapping
	String list(@RequestParam(required = false) SegmentKind kind, @RequestParam(required = false) String cursor,
			Model model) {
		model.addAttribute("kind", kind);
		model.addAttribute("kinds", SegmentKind.values());
		model.addAttribute("page", segmentQuery.list(kind, cursor, PageSize.LIST));
		return "marketing/segment/list";
	}

	/**
	 * A segment's current size, loaded into the list row by row (htmx) so the list itself
	 * counts nothing.
	 */
	@GetMapping("/{id}/count")
	String count(@PathVariable long id, Model model) {
		model.addAttribute("count", segmentQuery.count(id));
		return "marketing/segment/list :: count";
	}

	@GetMapping("/new")
	String newForm(@RequestParam(defaultValue = "DYNAMIC") SegmentKind kind, Model model, Locale locale) {
		// A fresh editor has nothing to preview yet: its empty row is not a mistake the
		// user made, so no problem is listed before they did anything.
		return editor(model, null, SegmentForm.empty(kind), List.of(), locale, false);
	}

	@PostMapping
	@OnRuleViolation(form = "form", field = "name")
	String create(@Valid @ModelAttribute("form") SegmentForm form, BindingResult result,
			@RequestParam(defaultValue = "save") String action, Model model, RedirectAttributes redirect,
			Locale locale) {
		return post(null, form, result, action, model, redirect, locale);
	}

	@GetMapping("/{id}/edit")
	String editForm(@PathVariable long id, Model model, Locale locale) {
		return editor(model, id, SegmentForm.of(segmentQuery.details(id)), List.of(), locale);
	}

	@PostMapping("/{id}")
	@OnRuleViolation(form = "form", field = "name")
	String update(@PathVariable long id, @Valid @ModelAttribute("form") SegmentForm form, BindingResult result,
			@RequestParam(defaultValue = "save") String action, Model model, RedirectAttributes redirect,
			Locale locale) {
		return post(id, form, result, action, model, redirect, locale);
	}

	/**
	 * The live count and first rows while editing (htmx); problems instead when the
	 * definition has any.
	 */
	@PostMapping("/preview")
	String preview(@ModelAttribute("form") SegmentForm form, Model model, Locale locale) {
		try {
			model.addAttribute("preview", segmentQuery.preview(form.toDefinition()));
			model.addAttribute("problems", List.of());
		}
		catch (InvalidSegmentDefinitionException ex) {
			model.addAttribute("problems", problems(ex.problems(), form.isAdvanced(), locale));
		}
		return "marketing/segment/editor :: preview";
	}

	private String post(Long id, SegmentForm form, BindingResult result, String action, Model model,
			RedirectAttributes redirect, Locale locale) {
		if (!action.equals("save")) {
			apply(form, action);
			form.fitOperators(segmentQuery.fields());
			return editor(model, id, form, List.of(), locale);
		}
		form.fitOperators(segmentQuery.fields());
		SegmentNode.Group definition;
		try {
			definition = form.getKind() == SegmentKind.STATIC ? null : form.toDefinition();
		}
		catch (InvalidSegmentDefinitionException ex) {
			return editor(model, id, form, ex.problems(), locale);
		}
		if (result.hasErrors()) {
			return editor(model, id, form, List.of(), locale);
		}
		var cmd = new SegmentCommand(form.getName(), form.getDescription(), form.getKind(), definition,
				form.getVersion());
		try {
			if (id == null) {
				id = segments.create(cmd);
				redirect.addFlashAttribute("flash", "flash.segment.created");
			}
			else {
				segments.update(id, cmd);
				redirect.addFlashAttribute("flash", "flash.saved");
			}
		}
		catch (InvalidSegmentDefinitionException ex) {
			return editor(model, id, form, ex.problems(), locale);
		}
		return "redirect:/marketing/segments/" + id;
	}

	/**
	 * The editor's buttons: add or remove groups and criteria, take the JSON into the
	 * builder, or just re-render.
	 */
	private static void apply(SegmentForm form, String action) {
		String[] parts = action.split("-");
		try {
			switch (parts[0]) {
				case "addGroup" -> form.addGroup();
				case "addCriterion" -> form.addCriterion(Integer.parseInt(parts[1]));
				case "removeCriterion" -> form.removeCriterion(Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
				case "removeGroup" -> form.removeGroup(Integer.parseInt(parts[1]));
				case "applyJson" -> form.load(org.opencrm.marketing.segment.SegmentDefinitions.parse(form.getJson()));
				default -> {
				}
			}
		}
		catch (NumberFormatException | ArrayIndexOutOfBoundsException ex) {
			// A tampered button value: just re-render.
		}
		catch (InvalidSegmentDefinitionException ex) {
			// Bad JSON stays in the text area; the preview shows its problems.
			form.setAdvanced(true);
		}
	}

	private String editor(Model model, Long id, SegmentForm form, List<DefinitionProblem> problems, Locale locale) {
		return editor(model, id, form, problems, locale, true);
	}

	private String editor(Model model, Long id, SegmentForm form, List<DefinitionProblem> problems, Locale locale,
			boolean preview) {
		model.addAttribute("form", form);
		model.addAttribute("segmentId", id);
		List<SegmentField> fields = segmentQuery.fields();
		model.addAttribute("fields", fields);
		Map<String, SegmentField> byKey = new HashMap<>();
		fields.forEach(f -> byKey.put(f.key(), f));
		model.addAttribute("fieldsByKey", byKey);
		model.addAttribute("stages", LifecycleStage.values());
		model.addAttribute("users", users.assignableUsers());
		List<ProblemView> views = new ArrayList<>(problems(problems, form.isAdvanced(), locale));
		if (preview && form.getKind() == SegmentKind.DYNAMIC && problems.isEmpty()) {
			try {
				SegmentNode.Group definition = form.toDefinition();
				model.addAttribute("preview", segmentQuery.preview(definition));
				if (!form.isAdvanced()) {
					form.setJson(org.opencrm.marketing.segment.SegmentDefinitions.toJson(definition));
				}
			}
			catch (InvalidSegmentDefinitionException ex) {
				views.addAll(problems(ex.problems(), form.isAdvanced(), locale));
			}
		}
		model.addAttribute("problems", views);
		Set<String> bad = new HashSet<>();
		views.forEach(v -> bad.add(v.rowKey()));
		model.addAttribute("badRows", bad);
		return "marketing/segment/editor";
	}

	private List<ProblemView> problems(List<DefinitionProblem> problems, boolean advanced, Locale locale) {
		List<ProblemView> out = new ArrayList<>();
		for (DefinitionProblem p : problems) {
			String text = messages.getMessage(p.code(), p.args(), p.defaultMessage(), locale);
			Matcher m = ROW.matcher(p.path());
			String key = "";
			if (!advanced && m.find()) {
				int g = Integer.parseInt(m.group(1));
				key = m.group(2) == null ? "g" + g : g + "-" + m.group(2);
				String where = m.group(2) == null
						? messages.getMessage("segment.problem.atGroup", new Object[] { g + 1 }, locale)
						: messages.getMessage("segment.problem.at",
								new Object[] { g + 1, Integer.parseInt(m.group(2)) + 1 }, locale);
				text = where + ": " + text;
			}
			else if (advanced) {
				text = p.path() + ": " + text;
			}
			out.add(new ProblemView(key, text));
		}
		return out;
	}

	@GetMapping("/{id}")
	String show(@PathVariable long id, @RequestParam(required = false) String cursor, Model model, Locale locale) {
		SegmentDetails segment = segmentQuery.details(id);
		model.addAttribute("segment", segment);
		model.addAttribute("lines",
				segment.kind() == SegmentKind.DYNAMIC ? lines(segment.definition(), locale) : List.of());
		model.addAttribute("page", segmentQuery.members(id, cursor, PageSize.LIST));
		return "marketing/segment/show";
	}

	@PostMapping("/{id}/delete")
	@OnRuleViolation(redirect = "/marketing/segments/{id}")
	String delete(@PathVariable long id, @RequestParam long version, RedirectAttributes redirect) {
		segments.delete(id, version);
		redirect.addFlashAttribute("flash", "flash.deleted");
		return "redirect:/marketing/segments";
	}

	@PostMapping("/{id}/members")
	@OnRuleViolation(redirect = "/marketing/segments/{id}")
	String addMember(@PathVariable long id, @RequestParam(defaultValue = "") String email,
			RedirectAttributes redirect) {
		boolean added = segments.addMemberByEmail(id, email);
		redirect.addFlashAttribute("flash", added ? "flash.segment.memberAdded" : "flash.segment.alreadyMember");
		return "redirect:/marketing/segments/" + id;
	}

	@PostMapping("/{id}/members/{contactId}/delete")
	String removeMember(@PathVariable long id, @PathVariable long contactId, RedirectAttributes redirect) {
		segments.removeMember(id, contactId);
		redirect.addFlashAttribute("flash", "flash.segment.memberRemoved");
		return "redirect:/marketing/segments/" + id;
	}

	/**
	 * A CSV upload: the list page again, with how many joined and every line that matched
	 * nobody.
	 */
	@PostMapping("/{id}/import")
	@OnRuleViolation(redirect = "/marketing/segments/{id}")
	String importCsv(@PathVariable long id, @RequestParam(required = false) MultipartFile file, Model model,
			Locale locale) throws IOException {
		if (file == null || file.isEmpty()) {
			model.addAttribute("flashError", "segment.import.empty");
			return show(id, null, model, locale);
		}
		ListImport result = segments.importCsv(id, new String(file.getBytes(), StandardCharsets.UTF_8));
		model.addAttribute("imported", result);
		return show(id, null, model, locale);
	}

	/**
	 * A definition in words, e.g. "All of: · Lifecycle stage is one of Customer · Any of:
	 * …".
	 */
	private List<Line> lines(SegmentNode.Group root, Locale locale) {
		List<Line> out = new ArrayList<>();
		List<SegmentField> fields = segmentQuery.fields();
		List<UserSummary> people = users.assignableUsers();
		describe(root, 0, out, fields, people, locale);
		return out;
	}

	private void describe(SegmentNode node, int depth, List<Line> out, List<SegmentField> fields,
			List<UserSummary> people, Locale locale) {
		if (node instanceof SegmentNode.Group g) {
			out.add(new Line(depth, messages.getMessage(
					g.items().isEmpty() ? "segment.group.empty" : "segment.group." + g.op().toUpperCase(Locale.ROOT),
					null, g.op(), locale)));
			g.items().forEach(i -> describe(i, depth + 1, out, fields, people, locale));
			return;
		}
		SegmentNode.Criterion c = (SegmentNode.Criterion) node;
		String label = fields.stream()
			.filter(f -> f.key().equals(c.field()))
			.findFirst()
			.map(f -> messages.getMessage(f.labelCode(), null, f.key(), locale))
			.orElse(c.field());
		List<String> values = c.values().stream().map(v -> switch (c.field()) {
			case "stage" -> messages.getMessage("stage." + v, null, v, locale);
			case "rfm_segment" -> messages.getMessage("health.rfm." + v, null, v, locale);
			case "health_band" -> messages.getMessage("health.band." + v, null, v, locale);
			case "owner" -> people.stream()
				.filter(u -> String.valueOf(u.id()).equals(v))
				.findFirst()
				.map(UserSummary::fullName)
				.orElse(v);
			default -> v.isEmpty() ? "…" : v;
		}).toList();
		String op = messages.getMessage("segment.op." + c.operator(), null, c.operator(), locale);
		String text = label + " " + op
				+ (values.isEmpty() ? "" : " " + String.join(c.operator().equals("between") ? " – " : ", ", values));
		out.add(new Line(depth, text));
	}

}
