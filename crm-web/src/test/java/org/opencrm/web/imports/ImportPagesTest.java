package org.opencrm.web.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.opencrm.web.Logins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.opencrm.core.imports.ImportRunner;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

@WebIntegrationTest
class ImportPagesTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	ImportRunner runner;

	@Autowired
	JdbcClient jdbc;

	private String upload(String user, String type, byte[] file) throws Exception {
		return mvc
			.perform(multipart("/imports").file(new MockMultipartFile("file", "people.csv", "text/csv", file))
				.param("type", type)
				.with(csrf())
				.with(as(users, user)))
			.andExpect(redirectedUrlPattern("/imports/*"))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
	}

	@Test
	void aMarketerImportsContactsThroughTheWizardFromUploadToRejectedRowsReport() throws Exception {
		byte[] file = ("Vorname;Nachname;E-Mail;Schuhgröße\nWiz;Ard;wiz.ard@import-pages.example;44\n"
				+ "Bad;Mail;not-an-address;40\n")
			.getBytes(StandardCharsets.UTF_8);
		String page = upload("marketer", "contacts", file);

		mvc.perform(get(page).with(as(users, "marketer")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Not imported (no field chosen): Schuhgröße")))
			.andExpect(content().string(containsString("<option value=\"email\" selected=\"selected\">")))
			.andExpect(content().string(containsString(
					"Of the first 2 rows: 1 would be created, 0 updated, 0 left unchanged, 1 rejected.")))
			.andExpect(content().string(containsString("Enter a valid e-mail address")));
		mvc.perform(post(page + "/mapping").param("column", "first_name", "last_name", "email", "")
			.param("matchKey", "email")
			.with(csrf())
			.with(as(users, "marketer"))).andExpect(redirectedUrl(page));
		mvc.perform(post(page + "/start").with(csrf()).with(as(users, "marketer"))).andExpect(redirectedUrl(page));
		mvc.perform(get(page + "/progress").header("HX-Request", "true").with(as(users, "marketer")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("hx-trigger=\"every 2s\"")));

		assertThat(runner.runOnce()).isTrue();

		mvc.perform(get(page + "/progress").header("HX-Request", "true").with(as(users, "marketer")))
			.andExpect(content().string(not(containsString("hx-trigger"))))
			.andExpect(content().string(containsString("id=\"count-created\">1<")))
			.andExpect(content().string(containsString("rejects.csv")));
		MvcResult started = mvc.perform(get(page + "/rejects.csv").with(as(users, "marketer"))).andReturn();
		mvc.perform(asyncDispatch(started))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Line,Column,Reason,Row\r\n3,E-Mail,\"Enter a valid e-mail")));
		assertThat(jdbc.sql("select count(*) from contacts where email = 'wiz.ard@import-pages.example'")
			.query(Long.class)
			.single()).isEqualTo(1);
		mvc.perform(get(page).with(as(users, "agent"))).andExpect(status().isNotFound());
	}

	@Test
	void aBinaryFileIsRefusedWithAMessageOnTheUploadPage() throws Exception {
		mvc.perform(multipart("/imports")
			.file(new MockMultipartFile("file", "photo.csv", "text/csv", new byte[] { (byte) 0x89, 'P', 'N', 'G', 0 }))
			.param("type", "contacts")
			.with(csrf())
			.with(as(users, "rep")))
			.andExpect(redirectedUrl("/imports/new"))
			.andExpect(flash().attribute("ruleError", "This is not a text (CSV) file."));
	}

	@Test
	void onlyThoseWhoMayCreateLeadsImportThem() throws Exception {
		byte[] file = "last_name\nLead\n".getBytes(StandardCharsets.UTF_8);
		mvc.perform(multipart("/imports").file(new MockMultipartFile("file", "leads.csv", "text/csv", file))
			.param("type", "leads")
			.with(csrf())
			.with(as(users, "marketer"))).andExpect(status().isForbidden());
		upload("rep", "leads", file);
	}

}
