package org.opencrm.web.timeline;

import jakarta.validation.Valid;
import java.time.Instant;
import java.util.List;
import org.opencrm.core.timeline.RecordInteraction;
import org.opencrm.core.timeline.TimelineService;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Visibility;
import org.opencrm.web.system.Formats;
import org.opencrm.web.system.Forms;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** "Load more" for the timeline, and logging a call, e-mail, meeting or note on it. */
@Controller
class TimelineController {

	private final TimelineSection section;

	private final TimelineService timeline;

	private final Formats fmt;

	TimelineController(TimelineSection section, TimelineService timeline, Formats fmt) {
		this.section = section;
		this.timeline = timeline;
		this.fmt = fmt;
	}

	@GetMapping("/accounts/{id}/timeline")
	String accountEntries(@PathVariable long id, @RequestParam(required = false) List<String> kind,
			@RequestParam(required = false) String cursor, Model model) {
		return entries(model, "/accounts/" + id, TimelineSection.forAccount(id), kind, cursor);
	}

	@GetMapping("/contacts/{id}/timeline")
	String contactEntries(@PathVariable long id, @RequestParam(required = false) List<String> kind,
			@RequestParam(required = false) String cursor, Model model) {
		return entries(model, "/contacts/" + id, TimelineSection.forContact(id), kind, cursor);
	}

	@PostMapping("/accounts/{id}/interactions")
	String logForAccount(@PathVariable long id, @Valid @ModelAttribute("interactionForm") InteractionForm form,
			BindingResult result, @AuthenticationPrincipal CrmUser user, RedirectAttributes redirect) {
		return log(form, result, redirect, id, form.getContactId(), "/accounts/" + id, user);
	}

	@PostMapping("/contacts/{id}/interactions")
	String logForContact(@PathVariable long id, @Valid @ModelAttribute("interactionForm") InteractionForm form,
			BindingResult result, @AuthenticationPrincipal CrmUser user, RedirectAttributes redirect) {
		return log(form, result, redirect, null, id, "/contacts/" + id, user);
	}

	private String log(InteractionForm form, BindingResult result, RedirectAttributes redirect, Long accountId,
			Long contactId, String back, CrmUser user) {
		if (result.hasErrors()) {
			// Back to the page with the typed values and the field messages
			// (post/redirect/get).
			redirect.addFlashAttribute("interactionForm", form);
			redirect.addFlashAttribute(BindingResult.MODEL_KEY_PREFIX + "interactionForm", result);
			redirect.addFlashAttribute("flashError", "flash.fixErrors");
			return "redirect:" + back + "#log";
		}
		Instant at = form.getOccurredAt() == null ? Instant.now() : fmt.toInstant(form.getOccurredAt());
		timeline.log(RecordInteraction.logged(form.getKind(), at, accountId, contactId, form.getSubject().trim(),
				Forms.trimmed(form.getBody())), Visibility.of(user));
		redirect.addFlashAttribute("flash", "flash.interaction.logged");
		return "redirect:" + back + "#timeline";
	}

	private String entries(Model model, String base, TimelineSection.Subject subject, List<String> kind,
			String cursor) {
		var kinds = TimelineSection.parseKinds(kind);
		model.addAttribute("timeline", section.page(subject, kinds, cursor));
		model.addAttribute("timelineBase", base);
		model.addAttribute("timelineKinds", kinds);
		return "fragments/timeline :: entries";
	}

}
