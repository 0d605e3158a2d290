package org.opencrm.web.marketing.sequence;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.opencrm.core.shared.StaleEditException;
import org.opencrm.marketing.sequence.SequenceEnrolments;
import org.opencrm.marketing.sequence.SequenceQueries;
import org.opencrm.marketing.sequence.SequenceService;
import org.opencrm.marketing.template.TemplateService;
import org.opencrm.web.system.OnRuleViolation;
import org.opencrm.web.system.PageSize;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Nurture sequences: list, create, edit, pause and resume, see each contact's position,
 * enrol a segment or one contact.
 */
@Controller
@RequestMapping("/marketing/sequences")
class SequenceController {

	private final SequenceService sequences;

	private final SequenceQueries queries;

	private final SequenceEnrolments enrolments;

	private final TemplateService templates;

	SequenceController(SequenceService sequences, SequenceQueries queries, SequenceEnrolments enrolments,
			TemplateService templates) {
		this.sequences = sequences;
		this.queries = queries;
		this.enrolments = enrolments;
		this.templates = templates;
	}

	@InitBinder("form")
	void allowFields(WebDataBinder binder) {
		binder.setAllowedFields("name", "enrolTag", "enrolOnLeadConverted", "steps", "version");
	}

	@GetMapping
	String list(Model model) {
		model.addAttribute("sequences", queries.list());
		return "marketing/sequence/list";
	}

	@GetMapping("/new")
	String newForm(Model model) {
		model.addAttribute("form", new SequenceForm());
		model.addAttribute("templates", templates.list());
		return "marketing/sequence/form";
	}

	@PostMapping
	@OnRuleViolation(form = "form", field = "steps")
	String create(@Valid @ModelAttribute("form") SequenceForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		model.addAttribute("templates", templates.list());
		if (result.hasErrors()) {
			return "marketing/sequence/form";
		}
		Object parsed = form.parse();
		if (parsed instanceof SequenceForm.LineProblem p) {
			result.rejectValue("steps", p.code(), new Object[] { p.line() }, "Line " + p.line() + " is not a step");
			return "marketing/sequence/form";
		}
		long id = sequences.create(form.toCommand(parsed));
		redirect.addFlashAttribute("flash", "mkt.sequence.saved");
		return "redirect:/marketing/sequences/" + id;
	}

	@GetMapping("/{id}/edit")
	String editForm(@PathVariable long id, Model model) {
		model.addAttribute("form", SequenceForm.of(queries.details(id)));
		model.addAttribute("templates", templates.list());
		model.addAttribute("sequenceId", id);
		return "marketing/sequence/form";
	}

	@PostMapping("/{id}/edit")
	@OnRuleViolation(form = "form", field = "steps")
	String update(@PathVariable long id, @Valid @ModelAttribute("form") SequenceForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		model.addAttribute("templates", templates.list());
		model.addAttribute("sequenceId", id);
		if (form.getVersion() == null) {
			result.reject("mkt.sequence.version.missing");
		}
		if (result.hasErrors()) {
			return "marketing/sequence/form";
		}
		Object parsed = form.parse();
		if (parsed instanceof SequenceForm.LineProblem p) {
			result.rejectValue("steps", p.code(), new Object[] { p.line() }, "Line " + p.line() + " is not a step");
			return "marketing/sequence/form";
		}
		sequences.update(id, form.getVersion(), form.toCommand(parsed));
		redirect.addFlashAttribute("flash", "mkt.sequence.saved");
		return "redirect:/marketing/sequences/" + id;
	}

	/**
	 * Pause ({@code active=false}) or resume; a stale page gets the conflict page like an
	 * edit.
	 */
	@PostMapping("/{id}/active")
	String setActive(@PathVariable long id, @RequestParam long version, @RequestParam boolean active, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		try {
			sequences.setActive(id, version, active);
		}
		catch (StaleEditException ex) {
			response.setStatus(HttpStatus.CONFLICT.value());
			model.addAttribute("recordPath", "/marketing/sequences/" + id);
			return "error/conflict";
		}
		redirect.addFlashAttribute("flash", active ? "mkt.sequence.resumed" : "mkt.sequence.paused");
		return "redirect:/marketing/sequences/" + id;
	}

	@GetMapping("/{id}")
	String show(@PathVariable long id, @RequestParam(defaultValue = "0") long after, Model model) {
		model.addAttribute("sequence", queries.details(id));
		var rows = queries.enrolments(id, after, PageSize.LIST + 1);
		boolean more = rows.size() > PageSize.LIST;
		model.addAttribute("enrolments", more ? rows.subList(0, PageSize.LIST) : rows);
		model.addAttribute("nextAfter", more ? rows.get(PageSize.LIST - 1).id() : null);
		return "marketing/sequence/show";
	}

	@PostMapping("/{id}/enrol")
	@OnRuleViolation(redirect = "/marketing/sequences/{id}")
	String enrol(@PathVariable long id, @RequestParam(required = false) Long segmentId,
			@RequestParam(required = false) Long contactId, RedirectAttributes redirect) {
		if (segmentId != null) {
			int n = enrolments.enrolSegment(id, segmentId);
			redirect.addFlashAttribute("flash", n > 0 ? "mkt.sequence.enrolled" : "mkt.sequence.enrolledNone");
		}
		else if (contactId != null) {
			boolean added = enrolments.enrol(id, contactId);
			redirect.addFlashAttribute("flash", added ? "mkt.sequence.enrolled" : "mkt.sequence.enrolledNone");
		}
		return "redirect:/marketing/sequences/" + id;
	}

}
