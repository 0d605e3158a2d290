package org.opencrm.web.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.opencrm.web.Logins.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.opencrm.core.account.AccountCommand;
import org.opencrm.core.account.AccountService;
import org.opencrm.core.contact.ContactCommand;
import org.opencrm.core.contact.ContactService;
import org.opencrm.core.mail.MailWorker;
import org.opencrm.core.shared.LifecycleStage;
import org.opencrm.core.user.UserService;
import org.opencrm.core.workflow.ActionSpec;
import org.opencrm.core.workflow.ActionType;
import org.opencrm.core.workflow.ConditionSpec;
import org.opencrm.core.workflow.Operator;
import org.opencrm.core.workflow.RuleCommand;
import org.opencrm.core.workflow.RunRow;
import org.opencrm.core.workflow.TriggerKind;
import org.opencrm.core.workflow.WorkflowRules;
import org.opencrm.core.workflow.WorkflowRuns;
import org.opencrm.marketing.template.TemplateCommand;
import org.opencrm.marketing.template.TemplateService;
import org.opencrm.web.WebIntegrationTest;
import org.opencrm.web.system.EmbeddedMailServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Rules on the customer's records in the whole application: "send a template e-mail"
 * merged for a new contact by marketing's template and delivered through the outbox to
 * the in-process SMTP server (GreenMail), and "add a tag" on a new account — each run in
 * the record's "Automation" section on its page.
 */
@WebIntegrationTest
class CustomerWorkflowTest {

	static final Duration PATIENCE = Duration.ofSeconds(20);

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	WorkflowRules rules;

	@Autowired
	WorkflowRuns runs;

	@Autowired
	AccountService accounts;

	@Autowired
	ContactService contacts;

	@Autowired
	TemplateService templates;

	@Autowired
	MailWorker worker;

	@Autowired
	EmbeddedMailServer mail;

	@Test
	void aNewContactGetsTheTemplateMergedForThemThroughTheSmtpServer() throws Exception {
		String u = unique();
		long template = templates
			.create(new TemplateCommand("Welcome " + u, "Welcome {{contact.firstName}} " + u,
					"<p>Hello {{contact.firstName}}, nice to meet you.</p>",
					"Hello {{contact.firstName}}, nice to meet you.", 0))
			.id();
		long rule = rules.create(new RuleCommand("Welcome mail " + u, "contact", TriggerKind.CREATED, null, null, null,
				null, List.of(new ConditionSpec("lastName", Operator.CONTAINS, u)),
				List.of(new ActionSpec(ActionType.SEND_EMAIL, null, Long.toString(template), null, null, null)), true,
				0));
		try {
			long account = accounts.create(new AccountCommand("Mailed " + u, null, null, null, null, null, null, null,
					null, null, LifecycleStage.LEAD, null, List.of(), 0));
			String address = "mia." + u + "@welcome.example";
			long contact = contacts.create(new ContactCommand("Mia", "Welcome" + u, null, address, null, null, null,
					null, null, null, account, LifecycleStage.LEAD, null, List.of(), true, false, 0));

			await().atMost(PATIENCE).until(() -> runs.forRecord("contact", contact, 5).size() == 1);
			assertThat(runs.forRule(rule, null, 5)).singleElement().extracting(RunRow::detail).isEqualTo("SEND_EMAIL");
			worker.drain(MailWorker.newWorkerId(), 10);

			MimeMessage sent = sentWithSubject("Welcome Mia " + u).orElseThrow();
			assertThat(sent.getAllRecipients()[0].toString()).isEqualTo(address);
			mvc.perform(get("/contacts/" + contact).with(as(users, "admin")))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("id=\"automation\"")))
				.andExpect(content().string(containsString("Welcome mail " + u)));
		}
		finally {
			rules.delete(rule);
		}
	}

	@Test
	void aContactWithoutAnAddressGetsNoMailAndTheRunSaysSo() {
		String u = unique();
		long template = templates.create(new TemplateCommand("Nobody " + u, "Nobody " + u, "<p>Hello</p>", "Hello", 0))
			.id();
		long rule = rules.create(new RuleCommand("No address " + u, "contact", TriggerKind.CREATED, null, null, null,
				null, List.of(new ConditionSpec("lastName", Operator.CONTAINS, u)),
				List.of(new ActionSpec(ActionType.SEND_EMAIL, null, Long.toString(template), null, null, null)), true,
				0));
		try {
			long contact = contacts.create(new ContactCommand("Nat", "Nomail" + u, null, null, null, null, null, null,
					null, null, null, LifecycleStage.LEAD, null, List.of(), false, false, 0));

			await().atMost(PATIENCE).until(() -> runs.forRecord("contact", contact, 5).size() == 1);
			assertThat(runs.forRule(rule, null, 5)).singleElement()
				.extracting(RunRow::detail)
				.isEqualTo("SEND_EMAIL:skipped");
		}
		finally {
			rules.delete(rule);
		}
	}

	@Test
	void aNewAccountIsTaggedAndTheRunShowsOnItsPage() throws Exception {
		String u = unique();
		long rule = rules.create(new RuleCommand("Tag new " + u, "account", TriggerKind.CREATED, null, null, null, null,
				List.of(new ConditionSpec("name", Operator.CONTAINS, u)),
				List.of(new ActionSpec(ActionType.ADD_TAG, null, "prospect-" + u, null, null, null)), true, 0));
		try {
			long account = accounts.create(new AccountCommand("Tagged " + u, null, null, null, null, null, null, null,
					null, null, LifecycleStage.LEAD, null, List.of(), 0));

			await().atMost(PATIENCE).until(() -> runs.forRecord("account", account, 5).size() == 1);
			assertThat(accounts.details(account, org.opencrm.core.user.Visibility.all()).tags())
				.containsExactly("prospect-" + u);
			mvc.perform(get("/accounts/" + account).with(as(users, "admin")))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("id=\"automation\"")))
				.andExpect(content().string(containsString("Tag new " + u)));
			mvc.perform(get("/admin/workflows/" + rule).with(as(users, "admin")))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("/accounts/" + account)))
				.andExpect(content().string(containsString("<span>Add a tag</span>")));
		}
		finally {
			rules.delete(rule);
		}
	}

	private Optional<MimeMessage> sentWithSubject(String subject) {
		return mail.receivedMessages().stream().filter(m -> subject.equals(subject(m))).findFirst();
	}

	private static String subject(MimeMessage m) {
		try {
			return m.getSubject();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String unique() {
		StringBuilder s = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
		}
		return s.toString();
	}

}
