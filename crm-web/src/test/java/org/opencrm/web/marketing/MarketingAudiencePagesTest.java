package org.opencrm.web.marketing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.opencrm.web.Logins.as;
import static org.opencrm.web.PageStatements.statementsFor;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

@WebIntegrationTest
class MarketingAudiencePagesTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theDemoSegmentsFormsAndScoringPagesOpenForMarketers() throws Exception {
		mvc.perform(get("/marketing/segments?kind=DYNAMIC").with(as(users, "marketer")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Customers in Germany")));
		long germany = segmentId("Customers in Germany");
		mvc.perform(get("/marketing/segments/" + germany).with(as(users, "marketer")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Lifecycle stage is one of Customer")));
		mvc.perform(get("/marketing/segments/" + germany + "/edit").with(as(users, "marketer")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Matches")));
		mvc.perform(get("/marketing/segments/" + germany + "/count").with(as(users, "manager")))
			.andExpect(status().isOk());
		mvc.perform(get("/marketing/forms").with(as(users, "marketer")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("/f/contact-us")));
		mvc.perform(get("/marketing/scoring").with(as(users, "marketer")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Submitted a form")));
		mvc.perform(get("/").with(as(users, "marketer")))
			.andExpect(content().string(containsString("/marketing/segments")));
	}

	@Test
	void salesRepsAndAgentsStayOutOfMarketingPages() throws Exception {
		mvc.perform(get("/marketing/segments").with(as(users, "rep"))).andExpect(status().isForbidden());
		mvc.perform(get("/marketing/scoring").with(as(users, "agent"))).andExpect(status().isForbidden());
		mvc.perform(get("/").with(as(users, "rep")))
			.andExpect(content().string(not(containsString("/marketing/segments"))));
	}

	@Test
	void theEditorAddsCriteriaByPlainPostsAndSavesTheSegment() throws Exception {
		String name = "Editor " + unique();
		// "Add criterion" re-renders the editor with a second row; nothing is saved.
		mvc.perform(post("/marketing/segments").with(as(users, "marketer"))
			.with(csrf())
			.param("name", name)
			.param("kind", "DYNAMIC")
			.param("rootOp", "AND")
			.param("groups[0].op", "AND")
			.param("groups[0].criteria[0].field", "stage")
			.param("groups[0].criteria[0].operator", "in")
			.param("groups[0].criteria[0].value", "CUSTOMER")
			.param("action", "addCriterion-0"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("groups[0].criteria[1].field")));
		assertThat(segmentCount(name)).isZero();

		mvc.perform(post("/marketing/segments").with(as(users, "marketer"))
			.with(csrf())
			.param("name", name)
			.param("kind", "DYNAMIC")
			.param("rootOp", "AND")
			.param("groups[0].op", "AND")
			.param("groups[0].criteria[0].field", "stage")
			.param("groups[0].criteria[0].operator", "in")
			.param("groups[0].criteria[0].value", "CUSTOMER", "LEAD")
			.param("groups[0].criteria[1].field", "country")
			.param("groups[0].criteria[1].operator", "in")
			.param("groups[0].criteria[1].value", "Germany")
			.param("action", "save"))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrlPattern("/marketing/segments/*"));

		String definition = jdbc.sql("select definition::text from segments where name = ?")
			.param(name)
			.query(String.class)
			.single();
		assertThat(definition).contains("\"CUSTOMER\"").contains("\"LEAD\"").contains("Germany");
	}

	@Test
	void aBadCriterionIsShownOnTheEditorAndNothingIsSaved() throws Exception {
		String name = "Broken " + unique();
		mvc.perform(post("/marketing/segments").with(as(users, "marketer"))
			.with(csrf())
			.param("name", name)
			.param("kind", "DYNAMIC")
			.param("rootOp", "AND")
			.param("groups[0].op", "AND")
			.param("groups[0].criteria[0].field", "created")
			.param("groups[0].criteria[0].operator", "between")
			.param("groups[0].criteria[0].value", "soon")
			.param("action", "save"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Group 1, criterion 1: ‘soon’ is not a date")));
		assertThat(segmentCount(name)).isZero();
	}

	@Test
	void thePreviewShowsALiveCountAndRows() throws Exception {
		mvc.perform(post("/marketing/segments/preview").with(as(users, "marketer"))
			.with(csrf())
			.param("rootOp", "AND")
			.param("groups[0].op", "AND")
			.param("groups[0].criteria[0].field", "country")
			.param("groups[0].criteria[0].operator", "in")
			.param("groups[0].criteria[0].value", "Germany"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Matches")))
			.andExpect(content().string(not(containsString("<html"))));
	}

	@Test
	void aStaticListUploadReportsTheLinesThatMatchedNobody() throws Exception {
		String name = "Upload " + unique();
		mvc.perform(post("/marketing/segments").with(as(users, "marketer"))
			.with(csrf())
			.param("name", name)
			.param("kind", "STATIC")
			.param("action", "save")).andExpect(status().is3xxRedirection());
		long id = segmentId(name);
		String known = jdbc.sql("select email from contacts where email is not null order by id limit 1")
			.query(String.class)
			.single();
		String csv = "email\n" + known + "\nnobody-" + unique() + "@example.com\nnot-an-address\n";

		mvc.perform(multipart("/marketing/segments/" + id + "/import")
			.file(new MockMultipartFile("file", "list.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
			.with(as(users, "marketer"))
			.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("1 added, 0 already on the list, 2 lines matched no contact")))
			.andExpect(content().string(containsString("No contact has this e-mail address")))
			.andExpect(content().string(containsString("Enter a valid e-mail address, like name@example.com.")));
		assertThat(jdbc.sql("select count(*) from segment_members where segment_id = ?")
			.param(id)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void thePublicFormWorksWithoutSigningIn() throws Exception {
		mvc.perform(get("/f/contact-us"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Work e-mail")))
			.andExpect(content().string(containsString("name=\"website\"")));
		String email = "visitor." + unique() + "@example.com";

		mvc.perform(post("/f/contact-us").with(from(ip()))
			.param("lastName", "Visitor")
			.param("email", email)
			.param("message", "Please call me back."))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("within one working day")));

		assertThat(submissions(email)).isEqualTo(1);
	}

	@Test
	void aHoneypotSubmissionIsThankedButNotStored() throws Exception {
		String email = "bot." + unique() + "@example.com";
		mvc.perform(post("/f/contact-us").with(from(ip()))
			.param("lastName", "Bot")
			.param("email", email)
			.param("message", "Cheap pills")
			.param("website", "http://spam.example"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("within one working day")));
		assertThat(submissions(email)).isZero();
	}

	@Test
	void malformedInputShowsFieldMessagesAndKeepsWhatWasTyped() throws Exception {
		mvc.perform(post("/f/contact-us").with(from(ip()))
			.param("lastName", "Typo")
			.param("email", "typo-at-example")
			.param("message", ""))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("Enter a valid e-mail address, like name@example.com.")))
			.andExpect(content().string(containsString("Please fill this in.")))
			.andExpect(content().string(containsString("value=\"typo-at-example\"")));
	}

	@Test
	void tooManySubmissionsFromOneAddressGetA429Page() throws Exception {
		String address = ip();
		for (int i = 0; i < 5; i++) {
			mvc.perform(post("/f/webinar").with(from(address))
				.param("firstName", "Rate")
				.param("lastName", "Limit")
				.param("company", "Spam Co")
				.param("email", "rate" + i + "." + unique() + "@example.com")).andExpect(status().isOk());
		}
		mvc.perform(post("/f/webinar").with(from(address))
			.param("firstName", "Rate")
			.param("lastName", "Limit")
			.param("company", "Spam Co")
			.param("email", "rate." + unique() + "@example.com"))
			.andExpect(status().isTooManyRequests())
			.andExpect(content().string(containsString("Please try again in ten minutes.")));
	}

	@Test
	void aContactsDashboardShowsMarketingsSummaryWithItsListsAndScore() throws Exception {
		long fair = segmentId("Trade fair 2026 visitors");
		long contact = jdbc.sql("select min(contact_id) from segment_members where segment_id = ?")
			.param(fair)
			.query(Long.class)
			.single();
		jdbc.sql(
				"insert into scored_leads (lead_id, email, contact_id, score, mql) values (?, 'summary@example.com', ?, 77, true)")
			.params(ThreadLocalRandom.current().nextLong(1, 1_000_000_000L), contact)
			.update();

		// On the contact's dashboard, rendered with the page (an agent: the demo contact
		// may be another rep's).
		mvc.perform(get("/contacts/" + contact).with(as(users, "agent")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"dashboard-marketing\"")))
			.andExpect(content().string(containsString("Trade fair 2026 visitors")))
			.andExpect(content().string(containsString(">77<")));
	}

	@Test
	void theFormDesignerCreatesAFormAndExplainsBrokenRules() throws Exception {
		String slug = "designed-" + unique();
		mvc.perform(post("/marketing/forms").with(as(users, "marketer"))
			.with(csrf())
			.param("name", "No e-mail " + slug)
			.param("slug", slug)
			.param("thankYou", "Thanks!")
			.param("fields[0].field", "LAST_NAME")
			.param("fields[0].included", "true")
			.param("fields[1].field", "EMAIL")
			.param("fields[1].included", "false"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Every form asks for the e-mail address")));
		mvc.perform(post("/marketing/forms").with(as(users, "marketer"))
			.with(csrf())
			.param("name", "Bad " + slug)
			.param("slug", "Not A Slug")
			.param("thankYou", ""))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("is-invalid")));

		mvc.perform(post("/marketing/forms").with(as(users, "marketer"))
			.with(csrf())
			.param("name", "Designed " + slug)
			.param("slug", slug)
			.param("thankYou", "Thanks!")
			.param("active", "true")
			.param("fields[0].field", "EMAIL")
			.param("fields[0].included", "true")
			.param("fields[0].required", "true")
			.param("fields[0].label", "Your e-mail")).andExpect(status().is3xxRedirection());
		mvc.perform(get("/f/" + slug))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Your e-mail")));
	}

	@Test
	void aStaleSegmentEditShowsTheConflictPage() throws Exception {
		long id = segmentId("Dormant customers");
		mvc.perform(post("/marketing/segments/" + id).with(as(users, "marketer"))
			.with(csrf())
			.param("name", "Dormant customers")
			.param("kind", "DYNAMIC")
			.param("version", "999")
			.param("rootOp", "AND")
			.param("action", "save")).andExpect(status().isConflict());
	}

	@Test
	void anUnknownOrUnpublishedFormIsNotFound() throws Exception {
		mvc.perform(get("/f/no-such-form")).andExpect(status().isNotFound());
	}

	@Test
	void badScoringRulesShowAMessageOnTheForm() throws Exception {
		mvc.perform(post("/marketing/scoring/rules").with(as(users, "marketer"))
			.with(csrf())
			.param("kind", "PROFILE")
			.param("label", "Big")
			.param("field", "COMPANY_SIZE")
			.param("operator", "AT_LEAST")
			.param("value", "lots")
			.param("points", "10")
			.param("engagement", "OPENED")
			.param("active", "true"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Company size is a whole number.")));
		mvc.perform(post("/marketing/scoring/rules").with(as(users, "marketer"))
			.with(csrf())
			.param("kind", "PROFILE")
			.param("label", "")
			.param("points", "abc"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("is-invalid")));
	}

	@Test
	void segmentAndFormPagesReadABoundedNumberOfStatementsWhateverTheirSize() throws Exception {
		int list = statementsFor(mvc, users, "/marketing/segments", "marketer");
		long fair = segmentId("Trade fair 2026 visitors");
		int members = statementsFor(mvc, users, "/marketing/segments/" + fair, "marketer");
		long form = jdbc.sql("select id from lead_forms where slug = 'contact-us'").query(Long.class).single();
		int submissions = statementsFor(mvc, users, "/marketing/forms/" + form, "marketer");

		jdbc.sql(
				"insert into segments (name, kind) select 'Bulk ' || g || ' ' || ?, 'STATIC' from generate_series(1, 30) g")
			.param(unique())
			.update();
		jdbc.sql(
				"insert into segment_members (segment_id, contact_id) select ?, id from contacts order by id desc limit 100 on conflict do nothing")
			.param(fair)
			.update();
		jdbc.sql("""
				insert into form_submissions (form_id, submitted_at, email, data, client_address)
				select ?, now(), 'bulk' || g || '@example.com', '{}', '10.0.0.1' from generate_series(1, 40) g
				""").param(form).update();

		assertThat(statementsFor(mvc, users, "/marketing/segments", "marketer")).isEqualTo(list)
			.isLessThanOrEqualTo(10);
		assertThat(statementsFor(mvc, users, "/marketing/segments/" + fair, "marketer")).isEqualTo(members)
			.isLessThanOrEqualTo(10);
		assertThat(statementsFor(mvc, users, "/marketing/forms/" + form, "marketer")).isEqualTo(submissions)
			.isLessThanOrEqualTo(10);
		assertThat(statementsFor(mvc, users, "/marketing/scoring", "marketer")).isLessThanOrEqualTo(10);
	}

	private long segmentId(String name) {
		return jdbc.sql("select id from segments where name = ?").param(name).query(Long.class).single();
	}

	private long segmentCount(String name) {
		return jdbc.sql("select count(*) from segments where name = ?").param(name).query(Long.class).single();
	}

	private long submissions(String email) {
		return jdbc.sql("select count(*) from form_submissions where email = ?")
			.param(email)
			.query(Long.class)
			.single();
	}

	static RequestPostProcessor from(String address) {
		return request -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	static String ip() {
		var r = ThreadLocalRandom.current();
		return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
	}

	static String unique() {
		StringBuilder s = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
		}
		return s.toString();
	}

	@Test
	void theScoringPagesShowAManagerOnlyTheirTeamsLeads() throws Exception {
		String u = String.valueOf(ThreadLocalRandom.current().nextInt(1_000_000));
		long agent = users.loadUserByUsername("agent").id();
		long rep = users.loadUserByUsername("rep").id();
		// Top scores, so both are on the first page for whoever may see them.
		long support = jdbc
			.sql("""
					insert into scored_leads (lead_id, email, company, owner_id, score) values (?, ?, 'Support Co', ?, 100000)
					returning lead_id
					""")
			.params(-1_000_000L - Long.parseLong(u), "support-" + u + "@scored.example", agent)
			.query(Long.class)
			.single();
		jdbc.sql(
				"insert into scored_leads (lead_id, email, company, owner_id, score) values (?, ?, 'Sales Co', ?, 100000)")
			.params(-2_000_000L - Long.parseLong(u), "sales-" + u + "@scored.example", rep)
			.update();
		mvc.perform(get("/marketing/scoring").with(as(users, "manager")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("sales-" + u + "@scored.example")))
			.andExpect(content().string(not(containsString("support-" + u + "@scored.example"))));
		mvc.perform(get("/marketing/scoring/leads/" + support).with(as(users, "manager")))
			.andExpect(status().isNotFound());
		mvc.perform(get("/marketing/scoring").with(as(users, "marketer")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("support-" + u + "@scored.example")));
		mvc.perform(get("/marketing/scoring/leads/" + support).with(as(users, "marketer"))).andExpect(status().isOk());
	}

}
