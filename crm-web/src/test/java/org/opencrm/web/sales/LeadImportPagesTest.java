package org.opencrm.web.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.opencrm.web.Logins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
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

/**
 * The lead list's one-step import: the file goes to the import wizard's background run,
 * so the request only stores it (issue 14: a 5,000-row file held the request for
 * minutes).
 */
@WebIntegrationTest
class LeadImportPagesTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	ImportRunner runner;

	@Autowired
	JdbcClient jdbc;

	private String importAs(String user, String csv) throws Exception {
		return mvc
			.perform(multipart("/leads/import")
				.file(new MockMultipartFile("file", "leads.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
				.with(as(users, user))
				.with(csrf()))
			.andExpect(redirectedUrlPattern("/imports/*"))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
	}

	private long leads(String u) {
		return jdbc.sql("select count(*) from leads where email like ?")
			.param("%." + u + "@example.com")
			.query(Long.class)
			.single();
	}

	private void runImports() {
		while (runner.runOnce()) {
			// until no import is left queued
		}
	}

	@Test
	void aFileIsImportedInTheBackgroundWithItsRefusedRowsReportedByLine() throws Exception {
		String u = SalesPagesTest.unique();
		String contactsEmail = jdbc.sql("select lower(email) from contacts where email is not null order by id limit 1")
			.query(String.class)
			.single();
		String csv = """
				Email,Last_Name,first_name,company,company_size,ignored
				a.%1$s@example.com,Alpha%1$s,Ann,"Quote, Inc",12,x
				b.%1$s@example.com,,Bob,Nameless,,x
				c.%1$s@example.com,Gamma%1$s,Cy,Gamma,lots,x
				%2$s,Customer%1$s,Kay,Known,,x
				"d.%1$s@example.com,Open%1$s
				e.%1$s@example.com,Echo%1$s,Ed,Echo,,x
				""".formatted(u, contactsEmail);

		String page = importAs("rep", csv);

		// The request stored the file and queued it; no lead is written before a node
		// runs it.
		assertThat(leads(u)).isZero();
		assertThat(jdbc.sql("select state from imports where id = ?")
			.param(Long.valueOf(page.substring(page.lastIndexOf('/') + 1)))
			.query(String.class)
			.single()).isEqualTo("QUEUED");
		runImports();

		mvc.perform(get(page + "/progress").header("HX-Request", "true").with(as(users, "rep")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"count-created\">2<")));
		assertThat(jdbc.sql("select company from leads where email = ?")
			.param("a." + u + "@example.com")
			.query(String.class)
			.single()).isEqualTo("Quote, Inc");
		assertThat(jdbc.sql("select source from leads where email = ?")
			.param("e." + u + "@example.com")
			.query(String.class)
			.single()).isEqualTo("import");
		assertThat(jdbc.sql("select count(*) from leads where lower(email) = ?")
			.param(contactsEmail)
			.query(Long.class)
			.single()).as("a contact's e-mail makes no lead").isZero();
		MvcResult started = mvc.perform(get(page + "/rejects.csv").with(as(users, "rep"))).andReturn();
		String rejects = mvc.perform(asyncDispatch(started))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(rejects.lines().skip(1).map(l -> l.substring(0, l.indexOf(',')))).containsExactly("3", "4", "5",
				"6");
		assertThat(rejects).contains("A contact with this e-mail exists");

		// The same e-mail again updates the lead the first file made.
		importAs("rep", "email,last_name,company\na." + u + "@example.com,Alpha" + u + ",Requoted\n");
		runImports();
		assertThat(leads(u)).isEqualTo(2);
		assertThat(jdbc.sql("select company from leads where email = ?")
			.param("a." + u + "@example.com")
			.query(String.class)
			.single()).isEqualTo("Requoted");
	}

	@Test
	void aFileWithoutTheRequiredColumnWaitsOnTheWizardsMappingStep() throws Exception {
		String u = SalesPagesTest.unique();
		String page = importAs("rep", "email,company\nz." + u + "@example.com,Nameless\n");

		mvc.perform(get(page).with(as(users, "rep")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"mapping\"")));
		runImports();
		assertThat(leads(u)).isZero();
	}

	@Test
	void noFileIsRefusedWithAMessageOnTheImportPage() throws Exception {
		mvc.perform(multipart("/leads/import").file(new MockMultipartFile("file", "empty.csv", "text/csv", new byte[0]))
			.with(as(users, "rep"))
			.with(csrf()))
			.andExpect(redirectedUrl("/leads/import"))
			.andExpect(flash().attribute("ruleError", "Choose a CSV file to import."));
		mvc.perform(get("/leads/import").with(as(users, "rep")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("first_name,last_name,email")));
	}

}
