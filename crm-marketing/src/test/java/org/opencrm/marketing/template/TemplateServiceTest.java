package org.opencrm.marketing.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencrm.marketing.Fixtures.contact;
import static org.opencrm.marketing.Fixtures.unique;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.opencrm.core.shared.StaleEditException;
import org.opencrm.marketing.MarketingTest;
import org.springframework.beans.factory.annotation.Autowired;

class TemplateServiceTest extends MarketingTest {

	@Autowired
	TemplateService templates;

	@Test
	void anInvalidTemplateIsRefusedAndNothingIsSaved() {
		String name = "Broken " + unique();

		assertThatThrownBy(
				() -> templates.create(new TemplateCommand(name, "Hi", "<div>{{contact.firstName}}", "t", 0)))
			.isInstanceOf(TemplateInvalidException.class);

		assertThat(
				jdbc.sql("select count(*) from email_templates where name = ?").param(name).query(Long.class).single())
			.isZero();
	}

	@Test
	void aPreviewFillsInTheChosenContact() {
		String u = unique();
		long person = contact(jdbc, "Zoë", "zoe-" + u + "@example.com", u, true, null);
		long id = templates
			.create(new TemplateCommand("Welcome " + u, "Hi {{contact.firstName}}",
					"<p>Hello {{contact.firstName}} &lt;{{contact.email}}&gt;</p>", "Hello {{contact.firstName}}", 0))
			.id();

		RenderedEmail preview = templates.preview(id, person);

		assertThat(preview.subject()).isEqualTo("Hi Zoë");
		assertThat(preview.html()).isEqualTo("<p>Hello Zoë &lt;zoe-" + u + "@example.com&gt;</p>");
	}

	@Test
	void aTestSendReachesTheAddress() throws Exception {
		String u = unique();
		long id = templates.create(new TemplateCommand("Test " + u, "News {{contact.firstName}}", "<p>x</p>", "x", 0))
			.id();

		templates.testSend(id, null, "check-" + u + "@example.com");

		assertThat(Arrays.stream(MAIL.getReceivedMessages()).filter(m -> {
			try {
				return m.getSubject().equals("[TEST] News Jane");
			}
			catch (Exception ex) {
				return false;
			}
		})).hasSize(1);
	}

	@Test
	void aStaleEditConflicts() {
		long id = templates.create(new TemplateCommand("V " + unique(), "s", "<p>x</p>", "x", 0)).id();
		templates.update(id, new TemplateCommand("V2", "s", "<p>y</p>", "y", 0));

		assertThatThrownBy(() -> templates.update(id, new TemplateCommand("V3", "s", "<p>z</p>", "z", 0)))
			.isInstanceOf(StaleEditException.class);
		assertThat(templates.details(id).name()).isEqualTo("V2");
	}

}
