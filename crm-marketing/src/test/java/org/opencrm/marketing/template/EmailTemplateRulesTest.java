package org.opencrm.marketing.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencrm.marketing.Fixtures.unique;

import org.junit.jupiter.api.Test;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.marketing.MarketingTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An e-mail template's own rules, held by the {@link EmailTemplate} aggregate on real
 * PostgreSQL: a name, a one-line subject, both bodies, known merge fields and well-formed
 * HTML, cleaned before it is kept. A refused change names its rule and leaves the
 * template as it was.
 */
class EmailTemplateRulesTest extends MarketingTest {

	@Autowired
	TemplateService templates;

	private long count(String name) {
		return jdbc.sql("select count(*) from email_templates where name = ?").param(name).query(Long.class).single();
	}

	@Test
	void aTemplateNeedsANameAOneLineSubjectAndBothBodies() {
		String name = "Rules " + unique();

		assertThatThrownBy(() -> templates.create(new TemplateCommand(" ", "Hi", "<p>x</p>", "x", 0)))
			.hasFieldOrPropertyWithValue("code", "template.name.required");
		assertThatThrownBy(() -> templates.create(new TemplateCommand(name, null, "<p>x</p>", "x", 0)))
			.hasFieldOrPropertyWithValue("code", "template.subject.required");
		assertThatThrownBy(
				() -> templates.create(new TemplateCommand(name, "Hi\r\nBcc: all@example.com", "<p>x</p>", "x", 0)))
			.hasFieldOrPropertyWithValue("code", "template.subject.oneLine");
		assertThatThrownBy(() -> templates.create(new TemplateCommand(name, "Hi", "<p>x</p>", "", 0)))
			.hasFieldOrPropertyWithValue("code", "template.body.required");
		assertThatThrownBy(() -> templates.create(new TemplateCommand(name, "Hi", null, "x", 0)))
			.hasFieldOrPropertyWithValue("code", "template.body.required");
		assertThat(count(name)).isZero();
	}

	@Test
	void aBrokenEditIsRefusedWithWhereItIsAndTheTemplateStaysAsItWas() {
		String name = "Kept " + unique();
		long id = templates.create(new TemplateCommand(name, "Hi {{contact.firstName}}", "<p>x</p>", "x", 0)).id();

		assertThatThrownBy(
				() -> templates.update(id, new TemplateCommand(name, "Hi {{contact.nickname}}", "<p>y</p>", "y", 0)))
			.isInstanceOfSatisfying(TemplateInvalidException.class, ex -> {
				assertThat(ex.code()).isEqualTo("template.field.unknown");
				assertThat(ex.field()).isEqualTo("subject");
			});

		TemplateDetails kept = templates.details(id);
		assertThat(kept.subject()).isEqualTo("Hi {{contact.firstName}}");
		assertThat(kept.htmlBody()).isEqualTo("<p>x</p>");
		assertThat(kept.version()).isZero();
	}

	@Test
	void anEditKeepsTheCleanedHtmlSaysWhatWentAndMovesTheVersion() {
		String name = "Clean " + unique();
		long id = templates.create(new TemplateCommand(name, "Hi", "<p>x</p>", "x", 0)).id();

		TemplateService.Saved saved = templates.update(id, new TemplateCommand(name, "Hi",
				"<p><a href=\"https://example.com\" onclick=\"steal()\">y</a></p>", "y", 0));

		assertThat(saved.removedHtml()).isNotEmpty();
		TemplateDetails after = templates.details(id);
		assertThat(after.htmlBody()).contains("https://example.com").doesNotContain("onclick");
		assertThat(after.version()).isEqualTo(1);
	}

	@Test
	void changingATemplateThatDoesNotExistIsNotFound() {
		assertThatThrownBy(() -> templates.update(-1, new TemplateCommand("x", "Hi", "<p>x</p>", "x", 0)))
			.isInstanceOf(NotFoundException.class);
	}

}
