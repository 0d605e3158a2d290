package org.opencrm.web.service.customer;

import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Visibility;
import org.opencrm.service.tier.AccountTiers;
import org.opencrm.service.tier.ServiceTier;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The tier form in the service block of an account's dashboard: sets the account's
 * service tier.
 */
@Controller
class AccountTierController {

	private final AccountTiers tiers;

	AccountTierController(AccountTiers tiers) {
		this.tiers = tiers;
	}

	@PostMapping("/service/customers/accounts/{id}/tier")
	String setTier(@PathVariable long id, @RequestParam(required = false) ServiceTier tier,
			@AuthenticationPrincipal CrmUser user, RedirectAttributes redirect) {
		if (tier == null) {
			redirect.addFlashAttribute("flashError", "tier.required");
			return "redirect:/accounts/" + id;
		}
		tiers.setTier(id, tier, Visibility.of(user));
		redirect.addFlashAttribute("flash", "flash.tier.saved");
		return "redirect:/accounts/" + id;
	}

}
