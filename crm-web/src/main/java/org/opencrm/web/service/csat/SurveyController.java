package org.opencrm.web.service.csat;

import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.service.csat.CsatService;
import org.opencrm.service.csat.InvalidSurveyTokenException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The customer's side of a satisfaction survey, reached from the mail's links without
 * signing in: one click records the rating, the page then offers an optional comment.
 * Forged links get a 400.
 */
@Controller
@RequestMapping("/csat")
class SurveyController {

	private final CsatService csat;

	SurveyController(CsatService csat) {
		this.csat = csat;
	}

	@GetMapping("/{token}")
	String show(@PathVariable String token, Model model) {
		model.addAttribute("survey", csat.survey(token));
		model.addAttribute("token", token);
		return "service/csat/survey";
	}

	/** The mail's one-click link. */
	@GetMapping("/{token}/{score}")
	String rate(@PathVariable String token, @PathVariable int score, Model model) {
		try {
			model.addAttribute("survey", csat.rate(token, score));
			model.addAttribute("thanks", true);
		}
		catch (RuleViolationException ex) {
			model.addAttribute("survey", csat.survey(token));
			model.addAttribute("problem", ex.code());
		}
		model.addAttribute("token", token);
		return "service/csat/survey";
	}

	@PostMapping("/{token}/comment")
	String comment(@PathVariable String token, @RequestParam(required = false) String comment, Model model) {
		try {
			model.addAttribute("survey", csat.comment(token, comment));
			model.addAttribute("commented", true);
		}
		catch (RuleViolationException ex) {
			model.addAttribute("survey", csat.survey(token));
			model.addAttribute("problem", ex.code());
			model.addAttribute("typedComment", comment);
		}
		model.addAttribute("token", token);
		return "service/csat/survey";
	}

	@ExceptionHandler({ InvalidSurveyTokenException.class, MethodArgumentTypeMismatchException.class })
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	String invalid() {
		return "service/csat/invalid";
	}

}
