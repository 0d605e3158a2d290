package org.opencrm.marketing.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencrm.marketing.Fixtures.unique;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.StaleEditException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The rules a form keeps (fields, address, publish state), on real PostgreSQL. */
@SpringBootTest
class LeadFormTest {

	@Autowired
	FormService forms;

	@Autowired
	FormQueries queries;

	@Autowired
	FormSubmissions submissions;

	@Autowired
	JdbcClient jdbc;

	static final List<FormFieldSpec> FIELDS = List.of(new FormFieldSpec(FormField.EMAIL, " E-mail ", true),
			new FormFieldSpec(FormField.COMPANY, null, false));

	static LeadFormCommand form(String name, String slug, List<FormFieldSpec> fields, boolean active, long version) {
		return new LeadFormCommand(name, slug, fields, "Thanks!", null, active, version);
	}

	void refused(LeadFormCommand cmd, String code) {
		assertThatThrownBy(() -> forms.create(cmd)).isInstanceOf(RuleViolationException.class)
			.hasFieldOrPropertyWithValue("code", code);
	}

	@Test
	void aFormWithoutARequiredEmailFieldWithAFieldTwiceOrABadAddressIsRefusedAndNothingIsStored() {
		String u = unique();

		refused(form(" ", "f-" + u, FIELDS, true, 0), "form.rule.name");
		refused(form("F " + u, "Not A Slug", FIELDS, true, 0), "form.rule.slug");
		refused(form("F " + u, "f--" + u, FIELDS, true, 0), "form.rule.slug");
		refused(new LeadFormCommand("F " + u, "f-" + u, FIELDS, " ", null, true, 0), "form.rule.thankYou");
		refused(form("F " + u, "f-" + u, List.of(new FormFieldSpec(FormField.EMAIL, "", false)), true, 0),
				"form.rule.email");
		refused(form("F " + u, "f-" + u, List.of(), true, 0), "form.rule.email");
		refused(form("F " + u, "f-" + u,
				List.of(new FormFieldSpec(FormField.EMAIL, "", true), new FormFieldSpec(FormField.EMAIL, "", false)),
				true, 0), "form.rule.duplicateField");
		refused(form("F " + u, "f-" + u,
				List.of(new FormFieldSpec(FormField.EMAIL, "", true), new FormFieldSpec(null, "", false)), true, 0),
				"form.rule.duplicateField");
		refused(form("F " + u, "f-" + u, List.of(new FormFieldSpec(FormField.EMAIL, "l".repeat(101), true)), true, 0),
				"form.rule.label");

		assertThat(
				jdbc.sql("select count(*) from lead_forms where slug = ?").param("f-" + u).query(Long.class).single())
			.isZero();
	}

	@Test
	void anAddressOrNameAnotherFormUsesIsRefusedOnCreateAndOnEdit() {
		String u = unique();
		forms.create(form("First " + u, "first-" + u, FIELDS, true, 0));
		long second = forms.create(form("Second " + u, "second-" + u, FIELDS, true, 0));

		refused(form("Other " + u, "first-" + u, FIELDS, true, 0), "form.rule.slugTaken");
		refused(form("FIRST " + u, "other-" + u, FIELDS, true, 0), "form.rule.nameTaken");
		assertThatThrownBy(() -> forms.update(second, form("Second " + u, "first-" + u, FIELDS, true, 0)))
			.isInstanceOf(RuleViolationException.class)
			.hasFieldOrPropertyWithValue("code", "form.rule.slugTaken");

		var unchanged = queries.details(second);
		assertThat(unchanged.slug()).isEqualTo("second-" + u);
		assertThat(unchanged.version()).isZero();
	}

	@Test
	void aWithdrawnFormIsOffItsPublicAddressUntilPublishedAgain() {
		String u = unique();
		String slug = "pub-" + u;
		long id = forms.create(form("Pub " + u, slug, FIELDS, true, 0));
		assertThat(queries.published(slug).fields()).extracting(FormFieldSpec::label).containsExactly("E-mail", "");

		forms.update(id, form("Pub " + u, slug, FIELDS, false, 0));

		assertThatThrownBy(() -> queries.published(slug)).isInstanceOf(NotFoundException.class);
		assertThatThrownBy(() -> submissions.submit(slug, Map.of("email", "a@example.com"), "10.9.9.9"))
			.isInstanceOf(NotFoundException.class);

		forms.update(id, form("Pub " + u, slug, FIELDS, true, 1));

		assertThat(queries.published(slug).version()).isEqualTo(2);
		assertThat(jdbc.sql("select count(*) from audit_log where entity_type = 'lead-form' and entity_id = ?")
			.param(id)
			.query(Long.class)
			.single()).isGreaterThanOrEqualTo(3);
	}

	@Test
	void aStaleEditConflictsAndLeavesTheFormAsItWas() {
		String u = unique();
		long id = forms.create(form("Stale " + u, "stale-" + u, FIELDS, true, 0));
		forms.update(id, form("Saved " + u, "stale-" + u, FIELDS, true, 0));

		assertThatThrownBy(() -> forms.update(id, form("Lost " + u, "stale-" + u, FIELDS, false, 0)))
			.isInstanceOf(StaleEditException.class);

		var details = queries.details(id);
		assertThat(details.name()).isEqualTo("Saved " + u);
		assertThat(details.active()).isTrue();
	}

}
