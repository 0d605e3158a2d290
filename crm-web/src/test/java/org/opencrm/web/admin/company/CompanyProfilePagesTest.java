package org.opencrm.web.admin.company;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.opencrm.web.Logins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opencrm.core.company.Branding;
import org.opencrm.core.company.CompanyProfiles;
import org.opencrm.core.company.UpdateCompanyProfile;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;

/**
 * The admin names the company and uploads its logo; the public pages (help centre, web
 * form, sign-in) and the portal show them. Anything but a small raster image is refused
 * on the field, and nothing is saved.
 */
@WebIntegrationTest
class CompanyProfilePagesTest {

	/** The eight bytes every PNG starts with, then some. */
	static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R' };

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	CompanyProfiles profiles;

	@AfterEach
	void noBrandingForOtherTests() {
		profiles.update(new UpdateCompanyProfile(null, null, true, profiles.branding().version()));
	}

	private MockMultipartHttpServletRequestBuilder save(String name, MockMultipartFile logo) {
		MockMultipartHttpServletRequestBuilder request = multipart("/admin/company");
		if (logo != null) {
			request.file(logo);
		}
		request.param("name", name).param("version", String.valueOf(profiles.branding().version()));
		request.with(csrf()).with(as(users, "admin"));
		return request;
	}

	@Test
	void theCompanysNameAndLogoAppearOnThePublicPagesAndThePortal() throws Exception {
		mvc.perform(save("Acme Ltd", new MockMultipartFile("logo", "acme.png", "image/png", PNG)))
			.andExpect(redirectedUrl("/admin/company"));
		Branding branding = profiles.branding();
		assertThat(branding.name()).isEqualTo("Acme Ltd");
		assertThat(branding.hasLogo()).isTrue();
		String logoUrl = "/company/logo?v=" + branding.logoVersion();

		for (String page : new String[] { "/help", "/login" }) {
			mvc.perform(get(page))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Acme Ltd")))
				.andExpect(content().string(containsString(logoUrl)));
		}
		mvc.perform(get("/portal").with(as(users, "customer")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Acme Ltd · Customer support")));
		mvc.perform(get("/accounts").with(as(users, "rep")))
			.andExpect(content().string(not(containsString("id=\"company-header\""))));

		byte[] served = mvc.perform(get(logoUrl))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", "image/png"))
			.andExpect(header().string("Cache-Control", containsString("max-age=31536000")))
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		assertThat(served).isEqualTo(PNG);
		mvc.perform(get("/company/logo?v=0")).andExpect(header().string("Cache-Control", "no-cache"));
	}

	@Test
	void aFileThatIsNoImageOrTooBigIsRefusedOnTheFieldAndNothingIsSaved() throws Exception {
		long version = profiles.branding().version();
		MockMultipartFile script = new MockMultipartFile("logo", "logo.svg", "image/svg+xml",
				"<svg onload=\"alert(1)\"/>".getBytes(StandardCharsets.UTF_8));
		mvc.perform(save("Sneaky Ltd", script))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Use a PNG, JPEG, GIF or WebP image.")));

		byte[] huge = Arrays.copyOf(PNG, 300 * 1024);
		mvc.perform(save("Huge Ltd", new MockMultipartFile("logo", "huge.png", "image/png", huge)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("A logo is at most 256 KB.")));

		mvc.perform(save("x".repeat(201), null)).andExpect(status().isOk());

		assertThat(profiles.branding()).satisfies(b -> {
			assertThat(b.name()).isNull();
			assertThat(b.hasLogo()).isFalse();
			assertThat(b.version()).isEqualTo(version);
		});
		mvc.perform(get("/company/logo")).andExpect(status().isNotFound());
	}

	@Test
	void aStaleFormConflictsInsteadOfOverwriting() throws Exception {
		long stale = profiles.branding().version();
		profiles.update(new UpdateCompanyProfile("First Ltd", null, false, stale));

		mvc.perform(multipart("/admin/company").param("name", "Second Ltd")
			.param("version", String.valueOf(stale))
			.with(csrf())
			.with(as(users, "admin"))).andExpect(status().isConflict());

		assertThat(profiles.branding().name()).isEqualTo("First Ltd");
	}

}
