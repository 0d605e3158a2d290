package org.opencrm.web.marketing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencrm.web.Logins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.marketing.form.FormField;
import org.opencrm.marketing.form.FormFieldSpec;
import org.opencrm.marketing.form.FormQueries;
import org.opencrm.marketing.form.FormService;
import org.opencrm.marketing.form.LeadFormCommand;
import org.opencrm.marketing.scoring.ScoringQueries;
import org.opencrm.marketing.scoring.ScoringRule.Field;
import org.opencrm.marketing.scoring.ScoringRule.Kind;
import org.opencrm.marketing.scoring.ScoringRule.Operator;
import org.opencrm.marketing.scoring.ScoringRuleCommand;
import org.opencrm.marketing.scoring.ScoringService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Forms and scoring rules are aggregates with a version: an edit made on a stale copy
 * gets the conflict page and changes nothing.
 */
@WebIntegrationTest
class FormAndScoringConflictPagesTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	FormService forms;

	@Autowired
	FormQueries formQueries;

	@Autowired
	ScoringService scoring;

	@Autowired
	ScoringQueries scoringQueries;

	@Test
	void aStaleFormEditGetsTheConflictPageAndTheFormStaysAsSaved() throws Exception {
		String slug = "stale-" + UUID.randomUUID().toString().substring(0, 8);
		List<FormFieldSpec> fields = List.of(new FormFieldSpec(FormField.EMAIL, "E-mail", true));
		long id = forms.create(new LeadFormCommand("Stale " + slug, slug, fields, "Thanks!", null, true, 0));
		forms.update(id, new LeadFormCommand("Saved " + slug, slug, fields, "Thanks!", null, true, 0));

		mvc.perform(post("/marketing/forms/" + id).with(as(users, "marketer"))
			.with(csrf())
			.param("name", "Lost " + slug)
			.param("slug", slug)
			.param("thankYou", "Thanks!")
			.param("active", "false")
			.param("version", "0")
			.param("fields[0].field", "EMAIL")
			.param("fields[0].included", "true")
			.param("fields[0].required", "true")).andExpect(status().isConflict());

		var form = formQueries.details(id);
		assertThat(form.name()).isEqualTo("Saved " + slug);
		assertThat(form.active()).isTrue();
	}

	@Test
	void aStaleScoringRuleEditOrDeleteGetsTheConflictPageAndTheRuleStays() throws Exception {
		String label = "Stale " + UUID.randomUUID().toString().substring(0, 8);
		long id = scoring.createRule(
				new ScoringRuleCommand(Kind.PROFILE, label, Field.TITLE, Operator.EQUALS, "CEO", null, 5, false, 0));
		scoring.updateRule(id,
				new ScoringRuleCommand(Kind.PROFILE, label, Field.TITLE, Operator.EQUALS, "CTO", null, 6, false, 0));

		mvc.perform(post("/marketing/scoring/rules/" + id).with(as(users, "marketer"))
			.with(csrf())
			.param("kind", "PROFILE")
			.param("label", "Lost")
			.param("field", "TITLE")
			.param("operator", "EQUALS")
			.param("value", "CFO")
			.param("points", "9")
			.param("version", "0")).andExpect(status().isConflict());
		mvc.perform(post("/marketing/scoring/rules/" + id + "/delete").with(as(users, "marketer"))
			.with(csrf())
			.param("version", "0")).andExpect(status().isConflict());

		var rule = scoringQueries.rule(id);
		assertThat(rule.value()).isEqualTo("CTO");
		assertThat(rule.points()).isEqualTo(6);
		scoring.deleteRule(id, rule.version());
	}

}
