package org.opencrm.web.marketing.form;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.Map;
import org.opencrm.marketing.form.FormQueries;
import org.opencrm.marketing.form.FormSubmissions;
import org.opencrm.marketing.form.LeadFormDetails;
import org.opencrm.marketing.form.SubmissionResult;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The published web-to-lead forms at {@code /f/{slug}}: open to anyone, no sign-in. Bots
 * that fill the hidden honeypot field are thanked like everyone else; too many
 * submissions from one address get a 429 page.
 */
@Controller
@RequestMapping("/f")
class PublicFormController {

	private final FormQueries forms;

	private final FormSubmissions submissions;

	PublicFormController(FormQueries forms, FormSubmissions submissions) {
		this.forms = forms;
		this.submissions = submissions;
	}

	@GetMapping("/{slug}")
	String show(@PathVariable String slug, Model model) {
		return page(forms.published(slug), Map.of(), Map.of(), model);
	}

	@PostMapping("/{slug}")
	String submit(@PathVariable String slug, @RequestParam Map<String, String> params, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		LeadFormDetails form = forms.published(slug);
		Map<String, String> values = new HashMap<>(params);
		values.remove("_csrf");
		SubmissionResult result = submissions.submit(slug, values, request.getRemoteAddr());
		model.addAttribute("leadForm", form);
		switch (result.outcome()) {
			case RATE_LIMITED -> {
				response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
				return "marketing/public/too-many";
			}
			case INVALID -> {
				response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
				return page(form, values, result.errors(), model);
			}
			default -> {
				model.addAttribute("thankYou", result.thankYou());
				return "marketing/public/thanks";
			}
		}
	}

	private static String page(LeadFormDetails form, Map<String, String> values, Map<String, String> errors,
			Model model) {
		model.addAttribute("leadForm", form);
		model.addAttribute("typed", values);
		model.addAttribute("fieldErrors", errors);
		model.addAttribute("honeypot", FormSubmissions.HONEYPOT);
		return "marketing/public/form";
	}

}
