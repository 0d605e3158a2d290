package org.opencrm.web.marketing.sequence;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.util.List;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.shared.StaleEditException;
import org.opencrm.marketing.sequence.SequenceEnrolments;
import org.opencrm.marketing.sequence.SequenceQueries;
import org.opencrm.marketing.sequence.SequenceService;
import org.opencrm.marketing.template.TemplateDetails;
import org.opencrm.marketing.template.TemplateService;
import org.opencrm.web.picker.Picked;
import org.opencrm.web.picker.PickerKind;
import org.opencrm.web.picker.Pickers;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
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

	private final Pickers pickers;

	SequenceController(SequenceService sequences, SequenceQueries queries, SequenceEnrolments enrolments,
			TemplateService templates, Pickers pickers) {
		this.pickers = pickers;
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
		formChoices(model);
		model.addAttribute("form", SequenceForm.withExample(templateList(model)));
		return "marketing/sequence/form";
	}

	@PostMapping
	@OnRuleViolation(form = "form", field = "steps")
	String create(@Valid @ModelAttribute("form") SequenceForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		formChoices(model);
		if (result.hasErrors()) {
			return "marketing/sequence/form";
		}
		Object parsed = form.parse(SequenceForm.byName(templateList(model)));
		if (parsed instanceof SequenceForm.LineProblem p) {
			result.rejectValue("steps", p.code(), p.args(), "Line " + p.line() + " is not a step");
			return "marketing/sequence/form";
		}
		long id = sequences.create(form.toCommand(parsed));
		redirect.addFlashAttribute("flash", "mkt.sequence.saved");
		return "redirect:/marketing/sequences/" + id;
	}

	@GetMapping("/{id}/edit")
	String editForm(@PathVariable long id, Model model) {
		formChoices(model);
		model.addAttribute("form", SequenceForm.of(queries.details(id), templateList(model)));
		model.addAttribute("sequenceId", id);
		return "marketing/sequence/form";
	}

	@PostMapping("/{id}/edit")
	@OnRuleViolation(form = "form", field = "steps")
	String update(@PathVariable long id, @Valid @ModelAttribute("form") SequenceForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		formChoices(model);
		model.addAttribute("sequenceId", id);
		if (form.getVersion() == null) {
			result.reject("mkt.sequence.version.missing");
		}
		if (result.hasErrors()) {
			return "marketing/sequence/form";
		}
		Object parsed = form.parse(SequenceForm.byName(templateList(model)));
		if (parsed instanceof SequenceForm.LineProblem p) {
			result.rejectValue("steps", p.code(), p.args(), "Line " + p.line() + " is not a step");
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
		// After a name that wasn't one segment or contact: what was typed, the message
		// and the matches to choose from (flash attributes of enrol).
		if (!model.containsAttribute("segmentPicked")) {
			model.addAttribute("segmentPicked", Picked.none(PickerKind.SEGMENT));
		}
		if (!model.containsAttribute("contactPicked")) {
			model.addAttribute("contactPicked", Picked.none(PickerKind.CONTACT));
		}
		var rows = queries.enrolments(id, after, PageSize.LIST + 1);
		boolean more = rows.size() > PageSize.LIST;
		model.addAttribute("enrolments", more ? rows.subList(0, PageSize.LIST) : rows);
		model.addAttribute("nextAfter", more ? rows.get(PageSize.LIST - 1).id() : null);
		return "marketing/sequence/show";
	}

	/**
	 * Enrols the segment or the contact chosen with a picker (or typed by name). A name
	 * that isn't one record the user may see comes back to the page with a message and
	 * the matches to choose from; nothing is enrolled.
	 */
	@PostMapping("/{id}/enrol")
	@OnRuleViolation(redirect = "/marketing/sequences/{id}")
	String enrol(@PathVariable long id, @RequestParam(required = false) Long segmentId,
			@RequestParam(required = false) String segmentIdText, @RequestParam(required = false) Long contactId,
			@RequestParam(required = false) String contactIdText, @AuthenticationPrincipal CrmUser user,
			RedirectAttributes redirect) {
		boolean segment = segmentId != null || segmentIdText != null;
		Picked picked = segment ? pickers.resolve(PickerKind.SEGMENT, segmentId, segmentIdText, user)
				: pickers.resolve(PickerKind.CONTACT, contactId, contactIdText, user);
		if (picked.error() != null) {
			redirect.addFlashAttribute(segment ? "segmentPicked" : "contactPicked", picked);
			return "redirect:/marketing/sequences/" + id;
		}
		if (picked.isChosen()) {
			boolean added = segment ? enrolments.enrolSegment(id, picked.id()) > 0 : enrolments.enrol(id, picked.id());
			redirect.addFlashAttribute("flash", added ? "mkt.sequence.enrolled" : "mkt.sequence.enrolledNone");
		}
		return "redirect:/marketing/sequences/" + id;
	}

	/** The form's templates (by name) and its picker that adds a "send" step. */
	private void formChoices(Model model) {
		model.addAttribute("templates", templates.list());
		model.addAttribute("stepTemplate", Picked.none(PickerKind.TEMPLATE));
	}

	@SuppressWarnings("unchecked")
	private static List<TemplateDetails> templateList(Model model) {
		return (List<TemplateDetails>) model.getAttribute("templates");
	}

}
