package org.opencrm.web.api.token;

import jakarta.validation.Valid;
import java.time.Clock;
import org.opencrm.core.user.CrmUser;
import org.opencrm.web.system.OnRuleViolation;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A user's own API tokens (make, see, revoke), and the admin's list of everyone's active
 * tokens. A new token's secret is rendered in the answer to the POST itself, never put in
 * the session (a flash attribute would store it there) nor shown again.
 */
@Controller
class ApiTokenController {

	static final String OWN = "/me/api-tokens";

	static final String ADMIN = "/admin/api-tokens";

	private final ApiTokens tokens;

	private final Clock clock;

	ApiTokenController(ApiTokens tokens, Clock clock) {
		this.tokens = tokens;
		this.clock = clock;
	}

	@GetMapping(OWN)
	String own(@AuthenticationPrincipal CrmUser me, Model model) {
		model.addAttribute("form", new ApiTokenForm());
		return page(me, model);
	}

	@PostMapping(OWN)
	@OnRuleViolation(form = "form")
	String create(@Valid @ModelAttribute("form") ApiTokenForm form, BindingResult result,
			@AuthenticationPrincipal CrmUser me, Model model) {
		if (result.hasErrors()) {
			return page(me, model);
		}
		model.addAttribute("created", tokens.create(me, form.toRequest(clock.getZone())));
		model.addAttribute("form", new ApiTokenForm());
		return page(me, model);
	}

	@PostMapping(OWN + "/{id}/revoke")
	String revoke(@PathVariable long id, @AuthenticationPrincipal CrmUser me, RedirectAttributes redirect) {
		tokens.revoke(id, me);
		redirect.addFlashAttribute("flash", "apiToken.revoked");
		return "redirect:" + OWN;
	}

	@GetMapping(ADMIN)
	String all(Model model) {
		model.addAttribute("tokens", tokens.allActive());
		model.addAttribute("now", clock.instant());
		return "api/admin-tokens";
	}

	@PostMapping(ADMIN + "/{id}/revoke")
	String revokeAny(@PathVariable long id, @AuthenticationPrincipal CrmUser admin, RedirectAttributes redirect) {
		tokens.revoke(id, admin);
		redirect.addFlashAttribute("flash", "apiToken.revoked");
		return "redirect:" + ADMIN;
	}

	private String page(CrmUser me, Model model) {
		model.addAttribute("tokens", tokens.of(me.id()));
		model.addAttribute("scopes", TokenScope.values());
		model.addAttribute("now", clock.instant());
		return "api/tokens";
	}

}
