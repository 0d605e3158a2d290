package org.opencrm.web.admin.company;

import org.opencrm.core.company.Branding;
import org.opencrm.core.company.CompanyProfiles;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Every page can show the company's name and logo ({@code branding}); held in memory. */
@ControllerAdvice(annotations = Controller.class)
class BrandingModel {

	private final CompanyProfiles profiles;

	BrandingModel(CompanyProfiles profiles) {
		this.profiles = profiles;
	}

	@ModelAttribute("branding")
	Branding branding() {
		return profiles.branding();
	}

}
