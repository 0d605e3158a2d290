package org.opencrm.web.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencrm.web.Logins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * {@code fragments/fields.html :: inputField} (the password form's three fields): a field
 * with an error is marked invalid and followed by its message, a field without one is
 * neither.
 */
@WebIntegrationTest
class FieldsFragmentTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Test
	void aFieldIsMarkedInvalidWithItsMessageOnlyWhenItHasAnError() throws Exception {
		Document empty = Jsoup.parse(this.mvc.perform(get("/me/password").with(as(this.users, "rep")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString());
		assertThat(empty.select("main input.form-control")).hasSize(3);
		assertThat(empty.select("main .is-invalid, main .invalid-feedback")).isEmpty();

		Document mismatch = Jsoup.parse(this.mvc
			.perform(post("/me/password").param("currentPassword", "demo")
				.param("newPassword", "lantern-meadow-42")
				.param("newPasswordRepeat", "something-else-42")
				.with(csrf())
				.with(as(this.users, "rep")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString());
		assertThat(mismatch.select("main input.is-invalid").eachAttr("name")).containsExactly("newPasswordRepeat");
		assertThat(mismatch.select("input[name=newPasswordRepeat] + .invalid-feedback").text()).isNotBlank();
		assertThat(mismatch.select("main .invalid-feedback")).hasSize(1);
		assertThat(mismatch.select("input[name=currentPassword]").attr("class")).isEqualTo("form-control");
	}

}
