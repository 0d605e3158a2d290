package org.opencrm.web.admin.company;

import jakarta.validation.Valid;
import java.io.IOException;
import org.opencrm.core.company.CompanyProfiles;
import org.opencrm.core.company.Logo;
import org.opencrm.core.company.UpdateCompanyProfile;
import org.opencrm.web.system.OnRuleViolation;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The company's name and logo as the public pages show them, for admins. */
@Controller
@RequestMapping("/admin/company")
class CompanyProfileController {

	private final CompanyProfiles profiles;

	CompanyProfileController(CompanyProfiles profiles) {
		this.profiles = profiles;
	}

	@GetMapping
	String show(Model model) {
		model.addAttribute("form", CompanyForm.of(profiles.branding()));
		return "admin/company";
	}

	@PostMapping
	@OnRuleViolation(form = "form")
	String save(@Valid @ModelAttribute("form") CompanyForm form, BindingResult result, RedirectAttributes redirect)
			throws IOException {
		if (result.hasErrors()) {
			return "admin/company";
		}
		boolean newLogo = form.getLogo() != null && !form.getLogo().isEmpty();
		profiles.update(new UpdateCompanyProfile(form.getName(), newLogo ? Logo.of(form.getLogo().getBytes()) : null,
				form.isRemoveLogo(), form.getVersion()));
		redirect.addFlashAttribute("flash", "flash.saved");
		return "redirect:/admin/company";
	}

}
