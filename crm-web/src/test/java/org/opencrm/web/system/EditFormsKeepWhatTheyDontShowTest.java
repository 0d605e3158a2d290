package org.opencrm.web.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencrm.web.Logins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Every edit form, submitted as the browser would send it with one visible field changed,
 * leaves every other column of its record as it was: what a form doesn't show (a deal's
 * primary contact, a lead's campaign, ...) or shows unchanged is never lost. The form is
 * read from the edit page's HTML (jsoup) and posted back; the row is compared column by
 * column before and after.
 */
@WebIntegrationTest
class EditFormsKeepWhatTheyDontShowTest {

	/** Put into the changed field; a column whose new value holds it took the change. */
	static final String MARKER = "Zqxmark";

	/**
	 * Columns a form shows and saves normalised, so the demo data (written by SQL) comes
	 * back in their canonical form though unchanged in meaning: a template's HTML is
	 * cleaned to its body's content; a segment's criteria come back as groups.
	 */
	static final Map<String, List<String>> NORMALISED = Map.of("email_templates", List.of("html_body"), "segments",
			List.of("definition"));

	/** Fields a form's edit is tried on, in this order (the first one with a value). */
	static final List<String> EDITABLE = List.of("name", "title", "fullName", "subject", "lastName", "label",
			"description");

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	static Stream<Arguments> forms() {
		return Stream.of(Arguments.of("account", "/accounts/%d/edit", "accounts", "select min(id) from accounts"),
				Arguments.of("contact", "/contacts/%d/edit", "contacts", "select min(id) from contacts"),
				Arguments.of("lead", "/leads/%d/edit", "leads", """
						select coalesce(min(id) filter (where campaign_id is not null), min(id)) from leads
						where status in ('NEW', 'WORKING')"""),
				// A deal with a primary contact, a partner-free channel and line items.
				Arguments.of("deal", "/opportunities/%d/edit", "opportunities",
						"select min(id) from opportunities where primary_contact_id is not null and status = 'OPEN'"),
				Arguments.of("lost deal", "/opportunities/%d/edit", "opportunities",
						"select min(id) from opportunities where primary_contact_id is not null and status = 'LOST'"),
				Arguments.of("product", "/admin/products/%d/edit", "products", "select min(id) from products"),
				Arguments.of("user", "/admin/users/%d/edit", "users",
						"select min(id) from users where username = 'rep2'"),
				Arguments.of("campaign", "/marketing/campaigns/%d/edit", "campaigns",
						"select min(id) from campaigns where status = 'DRAFT'"),
				Arguments.of("segment", "/marketing/segments/%d/edit", "segments", "select min(id) from segments"),
				Arguments.of("template", "/marketing/templates/%d/edit", "email_templates",
						"select min(id) from email_templates"),
				Arguments.of("sequence", "/marketing/sequences/%d/edit", "sequences", "select min(id) from sequences"),
				Arguments.of("web form", "/marketing/forms/%d/edit", "lead_forms", "select min(id) from lead_forms"),
				Arguments.of("scoring rule", "/marketing/scoring/rules/%d/edit", "scoring_rules",
						"select min(id) from scoring_rules"),
				Arguments.of("knowledge article", "/service/kb/articles/%d/edit", "kb_articles",
						"select min(id) from kb_articles"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("forms")
	void anEditChangesOnlyTheFieldItChanged(String form, String editPath, String table, String pick) throws Exception {
		Long id = jdbc.sql(pick).query((rs, n) -> rs.getObject(1, Long.class)).single();
		Assumptions.assumeTrue(id != null, "no " + form + " in the demo data");
		Map<String, String> before = row(table, id);

		String html = mvc.perform(get(editPath.formatted(id)).with(as(users, "admin")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		Document page = Jsoup.parse(html);
		String field = EDITABLE.stream()
			.filter(f -> page.selectFirst("form [name=" + f + "]") != null
					&& !page.selectFirst("form [name=" + f + "]").val().isBlank())
			.findFirst()
			.orElseThrow(() -> new AssertionError(form + ": no field of " + EDITABLE + " on " + editPath));
		Element formElement = page.selectFirst("form[method=post]:has([name=" + field + "])");
		Map<String, List<String>> fields = fieldsOf(formElement);
		fields.put(field, List.of(fields.get(field).get(0) + " " + MARKER));

		MockHttpServletResponse answer = submit(formElement.attr("action"), fields);
		if (answer.getStatus() == 200
				&& Jsoup.parse(answer.getContentAsString()).selectFirst("#duplicate-warning") != null) {
			// The user saves anyway, as they would.
			fields.put("confirmDuplicate", List.of("true"));
			answer = submit(formElement.attr("action"), fields);
		}
		assertThat(answer.getStatus()).as(form + " saved (errors: "
				+ Jsoup.parse(answer.getContentAsString()).select(".invalid-feedback, #rule-error").eachText() + ")")
			.isEqualTo(302);

		Map<String, String> after = row(table, id);
		assertThat(after.entrySet()
			.stream()
			.filter(e -> e.getValue() != null && e.getValue().toLowerCase().contains(MARKER.toLowerCase())))
			.as(form + ": the changed field was saved")
			.isNotEmpty();
		Map<String, String> unchangedBefore = new LinkedHashMap<>(before);
		Map<String, String> unchangedAfter = new LinkedHashMap<>(after);
		after.forEach((column, value) -> {
			boolean tookTheChange = value != null && value.toLowerCase().contains(MARKER.toLowerCase());
			if (tookTheChange || column.equals("version") || column.equals("updated_at")
					|| NORMALISED.getOrDefault(table, List.of()).contains(column)) {
				unchangedBefore.remove(column);
				unchangedAfter.remove(column);
			}
		});
		assertThat(unchangedAfter).as(form + ": every other column as it was").isEqualTo(unchangedBefore);
	}

	private MockHttpServletResponse submit(String action, Map<String, List<String>> fields) throws Exception {
		MockHttpServletRequestBuilder request = post(action).with(as(users, "admin")).with(csrf());
		fields.forEach((name, values) -> request.param(name, values.toArray(String[]::new)));
		return mvc.perform(request).andReturn().getResponse();
	}

	/** What a browser submits for this form as rendered (no button pressed). */
	static Map<String, List<String>> fieldsOf(Element form) {
		Map<String, List<String>> fields = new LinkedHashMap<>();
		for (Element e : form.select("input[name], select[name], textarea[name]")) {
			String name = e.attr("name");
			if (name.equals("_csrf") || e.hasAttr("disabled")) {
				continue;
			}
			String type = e.attr("type").toLowerCase();
			List<String> values = fields.computeIfAbsent(name, n -> new java.util.ArrayList<>());
			switch (e.tagName()) {
				case "select" -> {
					var selected = e.select("option[selected]");
					if (selected.isEmpty() && !e.hasAttr("multiple") && e.selectFirst("option") != null) {
						values.add(e.selectFirst("option").val());
					}
					selected.forEach(o -> values.add(o.val()));
				}
				case "textarea" ->
					values.add(e.wholeText().startsWith("\n") ? e.wholeText().substring(1) : e.wholeText());
				default -> {
					if (type.equals("submit") || type.equals("button") || type.equals("file") || type.equals("reset")) {
						fields.remove(name, List.of());
					}
					else if (type.equals("checkbox") || type.equals("radio")) {
						if (e.hasAttr("checked")) {
							values.add(e.hasAttr("value") ? e.val() : "on");
						}
					}
					else {
						values.add(e.val());
					}
				}
			}
			if (values.isEmpty()) {
				fields.remove(name);
			}
		}
		return fields;
	}

	/** The row as text per column. */
	Map<String, String> row(String table, long id) {
		Map<String, String> row = new LinkedHashMap<>();
		jdbc.sql("select kv.k, kv.v from " + table + " t, jsonb_each_text(to_jsonb(t)) as kv(k, v) where t.id = ?")
			.param(id)
			.query((rs, n) -> row.put(rs.getString(1), rs.getString(2)))
			.list();
		return row;
	}

}
