package org.opencrm.marketing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.event.LeadCaptureRequested;
import org.opencrm.marketing.form.FormField;
import org.opencrm.marketing.form.FormFieldSpec;
import org.opencrm.marketing.form.FormService;
import org.opencrm.marketing.form.FormSubmissions;
import org.opencrm.marketing.form.LeadFormCommand;
import org.opencrm.marketing.form.SubmissionResult;
import org.opencrm.web.integration.ScenarioDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Form submitted, across modules: marketing (with core) and sales booted alone, without
 * crm-web. A web-form submission publishes {@link LeadCaptureRequested}; after that
 * commit sales captures it as a new lead from the web form.
 */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES, extraIncludes = "sales")
@TestPropertySource(properties = { "crm.test.own-database=true", "crm.embedded-db.enabled=false",
		"crm.marketing.scheduler.enabled=false", "crm.tasks.reminders.enabled=false",
		"crm.health.scheduler.enabled=false" })
class FormSubmittedScenarioTest {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		ScenarioDatabase.register(registry);
	}

	@Autowired
	FormService forms;

	@Autowired
	FormSubmissions submissions;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aSubmittedWebFormBecomesALeadInSales(Scenario scenario) {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		String email = "visitor-" + tag + "@example.com";
		forms.create(new LeadFormCommand("Contact us " + tag, "contact-" + tag,
				List.of(new FormFieldSpec(FormField.LAST_NAME, null, true),
						new FormFieldSpec(FormField.EMAIL, null, true),
						new FormFieldSpec(FormField.COMPANY, null, false)),
				"Thanks!", null, true, 0));

		scenario
			.stimulate(() -> submissions.submit("contact-" + tag,
					Map.of("lastName", "Visitor", "email", email, "company", "Acme " + tag), "10.77.0.1"))
			.andWaitForStateChange(() -> lead(email), lead -> !lead.isEmpty())
			.andExpect(LeadCaptureRequested.class)
			.matchingMappedValue(LeadCaptureRequested::email, email)
			.toArriveAndVerify((event, result) -> {
				assertThat(result.outcome()).isEqualTo(SubmissionResult.Outcome.ACCEPTED);
				assertThat(event.source()).isEqualTo("web-form");
				assertThat(event.sourceDetail()).isEqualTo("Contact us " + tag);
				assertThat(lead(email)).containsExactly("Visitor|Acme " + tag + "|web-form|NEW");
			});
	}

	private List<String> lead(String email) {
		return jdbc.sql("""
				select last_name || '|' || company || '|' || source || '|' || status from leads where lower(email) = ?
				""").param(email).query(String.class).list();
	}

}
