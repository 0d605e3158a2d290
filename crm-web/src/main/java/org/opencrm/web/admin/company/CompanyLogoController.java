package org.opencrm.web.admin.company;

import java.time.Duration;
import org.opencrm.core.company.CompanyProfiles;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The logo for every page, public ones included. Its URL carries the profile's version,
 * so a browser keeps it for a year and a new logo gets a new URL.
 */
@Controller
class CompanyLogoController {

	private final CompanyProfiles profiles;

	CompanyLogoController(CompanyProfiles profiles) {
		this.profiles = profiles;
	}

	@GetMapping("/company/logo")
	ResponseEntity<byte[]> logo(@RequestParam(name = "v", required = false) Long version) {
		Long current = profiles.branding().logoVersion();
		CacheControl cache = current != null && current.equals(version)
				? CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable() : CacheControl.noCache();
		return profiles.logo()
			.map(logo -> ResponseEntity.ok()
				.contentType(MediaType.parseMediaType(logo.contentType()))
				.cacheControl(cache)
				.body(logo.bytes()))
			.orElseGet(() -> ResponseEntity.notFound().build());
	}

}
