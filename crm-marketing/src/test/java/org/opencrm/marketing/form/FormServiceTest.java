package org.opencrm.marketing.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencrm.test.MovableClock;
import org.opencrm.MarketingTestApplication.SentEvents;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.marketing.form.SubmissionResult.Outcome;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest
class FormServiceTest {

	@Autowired
	FormService forms;

	@Autowired
	FormSubmissions submissions;

	@Autowired
	FormQueries queries;

	@Autowired
	SentEvents sent;

	@Autowired
	MovableClock clock;

	@Autowired
	JdbcClient jdbc;

	String slug;

	long formId;

	@BeforeEach
	void aWebinarForm() {
		slug = "webinar-" + unique();
		formId = forms.create(new LeadFormCommand("Webinar " + slug, slug,
				List.of(new FormFieldSpec(FormField.FIRST_NAME, "First name", false),
						new FormFieldSpec(FormField.LAST_NAME, "Last name", true),
						new FormFieldSpec(FormField.EMAIL, "E-mail", true),
						new FormFieldSpec(FormField.COMPANY_SIZE, "Employees", false),
						new FormFieldSpec(FormField.PHONE, "Phone", false)),
				"See you there!", 77L, true, 0));
	}

	@Test
	void aValidSubmissionIsStoredHandedToSalesAndPutOnTheKnownContactsTimeline() {
		String email = "known." + unique() + "@example.com";
		long contact = jdbc.sql(
				"insert into contacts (first_name, last_name, email, lifecycle_stage) values ('Kim', 'Known', ?, 'LEAD') returning id")
			.param(email)
			.query(Long.class)
			.single();

		SubmissionResult result = submissions.submit(slug, Map.of("firstName", " Kim ", "lastName", "Known", "email",
				email.toUpperCase(), "companySize", "250", "unknownField", "ignored"), ip());

		assertThat(result.outcome()).isEqualTo(Outcome.ACCEPTED);
		assertThat(result.thankYou()).isEqualTo("See you there!");
		var stored = queries.submissions(formId, null, 10).items();
		assertThat(stored).singleElement().satisfies(s -> {
			assertThat(s.email()).isEqualTo(email);
			assertThat(s.firstName()).isEqualTo("Kim");
			assertThat(s.contactId()).isEqualTo(contact);
			assertThat(s.data()).containsEntry("companySize", "250").doesNotContainKey("unknownField");
		});
		assertThat(sent.captures).filteredOn(c -> c.email().equals(email)).singleElement().satisfies(c -> {
			assertThat(c.source()).isEqualTo("web-form");
			assertThat(c.sourceDetail()).isEqualTo("Webinar " + slug);
			assertThat(c.campaignId()).isEqualTo(77L);
			assertThat(c.companySize()).isEqualTo(250);
		});
		assertThat(jdbc.sql(
				"select subject_key || ' ' || (subject_args -> 0 ->> 'text') from interactions where contact_id = ? and kind = 'FORM'")
			.param(contact)
			.query(String.class)
			.list()).containsExactly("timeline.form.submitted Webinar " + slug);
	}

	@Test
	void aBotFillingTheHoneypotIsThankedAndNothingIsStored() {
		String email = "bot." + unique() + "@example.com";

		SubmissionResult result = submissions.submit(slug,
				Map.of("lastName", "Bot", "email", email, FormSubmissions.HONEYPOT, "http://spam.example"), ip());

		assertThat(result.outcome()).isEqualTo(Outcome.IGNORED);
		assertThat(result.thanked()).isTrue();
		assertThat(queries.submissions(formId, null, 10).items()).isEmpty();
		assertThat(sent.captures).noneMatch(c -> c.email().equals(email));
	}

	@Test
	void malformedInputGetsAMessagePerFieldAndStoresNothing() {
		Map<String, String> values = new HashMap<>();
		values.put("lastName", "  ");
		values.put("email", "not-an-email");
		values.put("companySize", "lots");
		values.put("phone", "call me");
		values.put("firstName", "x".repeat(101));

		SubmissionResult result = submissions.submit(slug, values, ip());

		assertThat(result.outcome()).isEqualTo(Outcome.INVALID);
		assertThat(result.errors()).containsEntry("lastName", "form.error.required")
			.containsEntry("email", "email.invalid")
			.containsEntry("companySize", "form.error.companySize")
			.containsEntry("phone", "form.error.phone")
			.containsEntry("firstName", "form.error.tooLong");
		assertThat(queries.submissions(formId, null, 10).items()).isEmpty();
	}

	@Test
	void theSixthAttemptFromOneAddressWithinTenMinutesIsRateLimited() {
		String address = ip();
		for (int i = 0; i < 5; i++) {
			assertThat(submissions.submit(slug, valid(), address).outcome()).isEqualTo(Outcome.ACCEPTED);
		}

		assertThat(submissions.submit(slug, valid(), address).outcome()).isEqualTo(Outcome.RATE_LIMITED);
		assertThat(submissions.submit(slug, valid(), ip()).outcome()).as("another address").isEqualTo(Outcome.ACCEPTED);

		Instant now = clock.instant();
		try {
			clock.set(now.plus(Duration.ofMinutes(11)));
			assertThat(submissions.submit(slug, valid(), address).outcome()).isEqualTo(Outcome.ACCEPTED);
		}
		finally {
			clock.set(now);
		}
		assertThat(queries.submissions(formId, null, 10).total().value()).isEqualTo(7);
	}

	@Test
	void mistypedAttemptsDontUseUpTheAddresssAllowance() {
		String office = ip();
		Map<String, String> mistyped = new HashMap<>(valid());
		mistyped.put("email", "not-an-email");
		for (int i = 0; i < 12; i++) {
			assertThat(submissions.submit(slug, mistyped, office).outcome()).isEqualTo(Outcome.INVALID);
		}

		for (int i = 0; i < 5; i++) {
			assertThat(submissions.submit(slug, valid(), office).outcome()).as("accepted " + (i + 1))
				.isEqualTo(Outcome.ACCEPTED);
		}
		assertThat(submissions.submit(slug, valid(), office).outcome()).isEqualTo(Outcome.RATE_LIMITED);
	}

	@Test
	void formDesignRulesAreChecked() {
		assertThatThrownBy(() -> forms.create(new LeadFormCommand("No mail " + slug, "no-mail-" + slug,
				List.of(new FormFieldSpec(FormField.LAST_NAME, "", true)), "Thanks", null, true, 0)))
			.isInstanceOfSatisfying(RuleViolationException.class,
					ex -> assertThat(ex.code()).isEqualTo("form.rule.email"));
		assertThatThrownBy(() -> forms.create(new LeadFormCommand("Bad slug " + slug, "Bad Slug!",
				List.of(new FormFieldSpec(FormField.EMAIL, "", true)), "Thanks", null, true, 0)))
			.isInstanceOfSatisfying(RuleViolationException.class,
					ex -> assertThat(ex.code()).isEqualTo("form.rule.slug"));
		assertThatThrownBy(() -> forms.create(new LeadFormCommand("Other " + slug, slug,
				List.of(new FormFieldSpec(FormField.EMAIL, "", true)), "Thanks", null, true, 0)))
			.isInstanceOfSatisfying(RuleViolationException.class,
					ex -> assertThat(ex.code()).isEqualTo("form.rule.slugTaken"));
	}

	private Map<String, String> valid() {
		return Map.of("lastName", "Valid", "email", "valid." + unique() + "@example.com");
	}

	private static String ip() {
		var r = ThreadLocalRandom.current();
		return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
	}

	private static String unique() {
		StringBuilder s = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
		}
		return s.toString();
	}

}
