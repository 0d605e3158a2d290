package org.opencrm.web.privacy;

import java.util.Locale;
import java.util.Map;
import org.opencrm.core.port.DataSubject;
import org.opencrm.core.privacy.PrivacyService;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Visibility;
import org.opencrm.web.privacy.PersonalDataSubjects.Kind;
import org.opencrm.web.system.OnRuleViolation;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The privacy tools on a contact's and a lead's page: download everything stored about
 * the person as JSON (admins and managers, for the people they may see), and erase the
 * person after typing their name (admins).
 */
@Controller
class PrivacyController {

	private final PersonalDataSubjects subjects;

	private final PrivacyService privacy;

	PrivacyController(PersonalDataSubjects subjects, PrivacyService privacy) {
		this.subjects = subjects;
		this.privacy = privacy;
	}

	@GetMapping("/contacts/{id}/personal-data")
	ResponseEntity<Map<String, Object>> exportContact(@PathVariable long id, @AuthenticationPrincipal CrmUser user) {
		return export(Kind.CONTACTS, id, user);
	}

	@GetMapping("/leads/{id}/personal-data")
	ResponseEntity<Map<String, Object>> exportLead(@PathVariable long id, @AuthenticationPrincipal CrmUser user) {
		return export(Kind.LEADS, id, user);
	}

	@GetMapping("/contacts/{id}/erase")
	String confirmContact(@PathVariable long id, @AuthenticationPrincipal CrmUser user, Model model) {
		return confirm(Kind.CONTACTS, id, user, model);
	}

	@GetMapping("/leads/{id}/erase")
	String confirmLead(@PathVariable long id, @AuthenticationPrincipal CrmUser user, Model model) {
		return confirm(Kind.LEADS, id, user, model);
	}

	// A name typed wrong comes back to the confirmation page with the message.
	@OnRuleViolation(redirect = "/contacts/{id}/erase")
	@PostMapping("/contacts/{id}/erase")
	String eraseContact(@PathVariable long id, @RequestParam(defaultValue = "") String confirmName,
			@AuthenticationPrincipal CrmUser user, RedirectAttributes redirect) {
		privacy.erase(subjects.find(Kind.CONTACTS, id, Visibility.of(user)), confirmName);
		redirect.addFlashAttribute("flash", "flash.privacy.erased");
		return "redirect:/contacts";
	}

	@OnRuleViolation(redirect = "/leads/{id}/erase")
	@PostMapping("/leads/{id}/erase")
	String eraseLead(@PathVariable long id, @RequestParam(defaultValue = "") String confirmName,
			@AuthenticationPrincipal CrmUser user, RedirectAttributes redirect) {
		privacy.erase(subjects.find(Kind.LEADS, id, Visibility.of(user)), confirmName);
		redirect.addFlashAttribute("flash", "flash.privacy.erased");
		return "redirect:/leads";
	}

	private ResponseEntity<Map<String, Object>> export(Kind kind, long id, CrmUser user) {
		DataSubject person = subjects.find(kind, id, Visibility.of(user));
		return download(privacy.export(person), kind.name().toLowerCase(Locale.ROOT) + "-" + id);
	}

	private String confirm(Kind kind, long id, CrmUser user, Model model) {
		model.addAttribute("person", subjects.find(kind, id, Visibility.of(user)));
		model.addAttribute("base", "/" + kind.name().toLowerCase(Locale.ROOT) + "/" + id);
		return "privacy/erase";
	}

	/** The document as a file to save, {@code personal-data-contacts-12.json}. */
	static ResponseEntity<Map<String, Object>> download(Map<String, Object> document, String name) {
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("personal-data-" + name + ".json").build().toString())
			.body(document);
	}

}
