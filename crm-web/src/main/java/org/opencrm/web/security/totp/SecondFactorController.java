package org.opencrm.web.security.totp;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.user.CrmUser;
import org.opencrm.web.system.OnRuleViolation;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A staff member's own second factor (enrol, confirm, see the recovery codes once), the
 * code page of a sign-in, and an admin's reset of someone's second factor.
 */
@Controller
class SecondFactorController {

	static final String ISSUER = "OpenCRM";

	private final SecondFactors factors;

	private final SecondFactorLogin login;

	SecondFactorController(SecondFactors factors, SecondFactorLogin login) {
		this.factors = factors;
		this.login = login;
	}

	@GetMapping("/account/second-factor")
	String status(@AuthenticationPrincipal CrmUser me, Model model) {
		model.addAttribute("status", factors.status(me.id()));
		factors.pendingSecret(me.id()).ifPresent(secret -> enrolment(me, secret, model));
		return "security/second-factor";
	}

	@PostMapping("/account/second-factor/start")
	@OnRuleViolation(redirect = "/account/second-factor")
	String start(@AuthenticationPrincipal CrmUser me, RedirectAttributes redirect) {
		factors.startEnrolment(me.id());
		return "redirect:/account/second-factor";
	}

	@PostMapping("/account/second-factor/confirm")
	String confirm(@AuthenticationPrincipal CrmUser me, @RequestParam(required = false) String code, Model model) {
		try {
			model.addAttribute("recoveryCodes", factors.confirm(me.id(), code));
		}
		catch (RuleViolationException ex) {
			model.addAttribute("codeError", ex.code());
			factors.pendingSecret(me.id()).ifPresent(secret -> enrolment(me, secret, model));
		}
		model.addAttribute("status", factors.status(me.id()));
		return "security/second-factor";
	}

	@GetMapping(SecondFactorLogin.PAGE)
	String codePage() {
		return "security/second-factor-code";
	}

	@PostMapping(SecondFactorLogin.PAGE)
	String code(@AuthenticationPrincipal CrmUser me, @RequestParam(required = false) String code,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		switch (login.complete(me, code, request, response)) {
			case SIGNED_IN -> {
				return "redirect:" + login.target(request, response);
			}
			case START_OVER -> {
				return "redirect:/login?error";
			}
			default -> {
				model.addAttribute("codeError", "totp.wrongCode");
				return "security/second-factor-code";
			}
		}
	}

	@PostMapping("/admin/users/{id}/second-factor/reset")
	String reset(@PathVariable long id, RedirectAttributes redirect) {
		factors.reset(id);
		redirect.addFlashAttribute("flash", "totp.reset.done");
		return "redirect:/admin/users/" + id + "/edit";
	}

	private static void enrolment(CrmUser me, String secret, Model model) {
		model.addAttribute("secret", secret.replaceAll("(.{4})(?!$)", "$1 "));
		String label = URLEncoder.encode(ISSUER + ":" + me.username(), StandardCharsets.UTF_8).replace("+", "%20");
		model.addAttribute("otpauthUri", "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + ISSUER
				+ "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.STEP_SECONDS);
	}

}
