package org.opencrm.web.marketing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.opencrm.web.Logins.as;
import static org.opencrm.web.PageStatements.statementsFor;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.core.mail.MailWorker;
import org.opencrm.marketing.send.SendProgress;
import org.opencrm.marketing.send.SendQueue;
import org.springframework.transaction.support.TransactionTemplate;
import org.opencrm.marketing.tracking.TrackingTokens;
import org.opencrm.web.WebIntegrationTest;
import org.opencrm.web.system.EmbeddedMailServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@WebIntegrationTest
class MarketingPagesTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TrackingTokens tokens;

	@Autowired
	EmbeddedMailServer mail;

	@Autowired
	MailWorker worker;

	@Autowired
	SendQueue sendQueue;

	@Autowired
	SendProgress progress;

	@Autowired
	TransactionTemplate tx;

	/** A demo recipient of the sent campaign: an outbox row id and its contact. */
	/**
	 * A send of the demo campaign (other tests add sends of their own, e.g. to people
	 * without a company).
	 */
	long[] demoSend() {
		return jdbc.sql("""
				select o.id, o.contact_id from email_sends o join contacts c on c.id = o.contact_id
				join campaigns k on k.id = o.campaign_id
				where o.status = 'SENT' and c.consent_email and c.account_id is not null
				  and k.name = 'Spring product launch'
				order by o.id desc limit 1
				""").query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) }).single();
	}

	@Test
	void aMarketerSeesCampaignsTemplatesSequencesAndSentMail() throws Exception {
		mvc.perform(get("/marketing/campaigns").with(as(users, "marketer")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Spring product launch")));
		mvc.perform(get("/marketing/templates").with(as(users, "marketer")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Monthly newsletter")));
		mvc.perform(get("/marketing/sequences").with(as(users, "marketer")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Onboarding")));
		mvc.perform(get("/marketing/mailbox").with(as(users, "marketer"))).andExpect(status().isOk());
		mvc.perform(get("/").with(as(users, "marketer")))
			.andExpect(content().string(containsString("/marketing/campaigns")))
			.andExpect(content().string(containsString("/marketing/mailbox")));
	}

	@Test
	void aSalesRepCannotOpenMarketingPagesNorSeeThemInTheMenu() throws Exception {
		mvc.perform(get("/marketing/campaigns").with(as(users, "rep"))).andExpect(status().isForbidden());
		mvc.perform(get("/marketing/mailbox").with(as(users, "manager"))).andExpect(status().isForbidden());
		mvc.perform(get("/").with(as(users, "rep")))
			.andExpect(content().string(not(containsString("/marketing/campaigns"))));
	}

	@Test
	void theSentCampaignsPageShowsItsResults() throws Exception {
		long id = jdbc.sql("select id from campaigns where name = 'Spring product launch'").query(Long.class).single();
		long sent = jdbc.sql("select count(*) from email_sends where campaign_id = ? and status = 'SENT'")
			.param(id)
			.query(Long.class)
			.single();

		mvc.perform(get("/marketing/campaigns/" + id).with(as(users, "marketer")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<td class=\"text-end\" id=\"report-sent\">" + sent + "</td>")));
	}

	@Test
	void aTemplateWithAnUnknownFieldIsShownAgainWithThePlaceOfTheProblem() throws Exception {
		mvc.perform(post("/marketing/templates").with(as(users, "marketer"))
			.with(csrf())
			.param("name", "Broken template")
			.param("subject", "Hi")
			.param("htmlBody", "<p>Hello</p>\n<p>Dear {{contact.nickname}}</p>")
			.param("textBody", "Hi"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Line 2:9: unknown merge field ‘contact.nickname’.")));
		assertThat(jdbc.sql("select count(*) from email_templates where name = 'Broken template'")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void aTemplateWithUnbalancedMarkupIsRefusedWithTheTagAndPlace() throws Exception {
		mvc.perform(post("/marketing/templates").with(as(users, "marketer"))
			.with(csrf())
			.param("name", "Unbalanced")
			.param("subject", "Hi")
			.param("htmlBody", "<div>\n<p>x</div>")
			.param("textBody", "Hi"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(
					"Line 2:5: &lt;/div&gt; found, but &lt;p&gt; (opened at 2:1) must be closed first.")));
	}

	@Test
	void aTemplateIsPreviewedForAContactWithValuesEscapedInASandbox() throws Exception {
		long contact = jdbc.sql("select id from contacts order by id limit 1").query(Long.class).single();
		jdbc.sql("update contacts set first_name = '<b>Evil</b>' where id = ?").param(contact).update();
		long template = jdbc.sql("select id from email_templates where name = 'Welcome'").query(Long.class).single();

		mvc.perform(get("/marketing/templates/" + template).param("contactId", String.valueOf(contact))
			.with(as(users, "marketer")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<iframe sandbox=\"\"")))
			// Escaped once by the template (merge value), once more as the srcdoc
			// attribute.
			.andExpect(content().string(containsString("&amp;lt;b&amp;gt;Evil&amp;lt;/b&amp;gt;")));
	}

	@Test
	void aCampaignIsPlannedOnAFormAndBadInputComesBackWithMessages() throws Exception {
		mvc.perform(post("/marketing/campaigns").with(as(users, "marketer"))
			.with(csrf())
			.param("name", "")
			.param("type", "EMAIL")
			.param("budget", "lots"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("is-invalid")));

		var result = mvc
			.perform(post("/marketing/campaigns").with(as(users, "marketer"))
				.with(csrf())
				.param("name", "Form campaign")
				.param("type", "EMAIL")
				.param("budget", "1200")
				.param("currency", "EUR")
				.param("startsOn", "2030-05-01")
				.param("endsOn", "2030-04-01"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("The campaign can’t end before it starts.")));

		mvc.perform(post("/marketing/campaigns").with(as(users, "marketer"))
			.with(csrf())
			.param("name", "Form campaign")
			.param("type", "EMAIL")
			.param("budget", "1200")
			.param("currency", "EUR")).andExpect(status().is3xxRedirection());
		long id = jdbc.sql("select id from campaigns where name = 'Form campaign'").query(Long.class).single();

		// No template, no segment: scheduling is refused with a message, the campaign
		// stays a draft.
		mvc.perform(post("/marketing/campaigns/" + id + "/schedule").with(as(users, "marketer"))
			.with(csrf())
			.param("version", "0"))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("flashError", "campaign.template.required"));
		assertThat(jdbc.sql("select status from campaigns where id = ?").param(id).query(String.class).single())
			.isEqualTo("DRAFT");
	}

	@Test
	void aStaleCampaignOrTemplateEditShowsTheConflictPageAndChangesNothing() throws Exception {
		long campaign = jdbc.sql("insert into campaigns (name, type) values ('Stale plan', 'ADS') returning id")
			.query(Long.class)
			.single();
		long template = jdbc.sql("select id from email_templates where name = 'Welcome'").query(Long.class).single();
		String subject = jdbc.sql("select subject from email_templates where id = ?")
			.param(template)
			.query(String.class)
			.single();

		mvc.perform(post("/marketing/campaigns/" + campaign).with(as(users, "marketer"))
			.with(csrf())
			.param("name", "Overwritten plan")
			.param("type", "ADS")
			.param("version", "999")).andExpect(status().isConflict());
		mvc.perform(post("/marketing/campaigns/" + campaign + "/cancel").with(as(users, "marketer"))
			.with(csrf())
			.param("version", "999")).andExpect(status().isConflict());
		mvc.perform(post("/marketing/templates/" + template).with(as(users, "marketer"))
			.with(csrf())
			.param("name", "Welcome")
			.param("subject", "Overwritten")
			.param("version", "999")
			.param("htmlBody", "<p>x</p>")
			.param("textBody", "x")).andExpect(status().isConflict());

		assertThat(jdbc.sql("select name || ' ' || status from campaigns where id = ?")
			.param(campaign)
			.query(String.class)
			.single()).isEqualTo("Stale plan DRAFT");
		assertThat(jdbc.sql("select subject from email_templates where id = ?")
			.param(template)
			.query(String.class)
			.single()).isEqualTo(subject);
	}

	@Test
	void theOpenPixelIsAGifAndACountedOpen() throws Exception {
		long[] send = demoSend();
		jdbc.sql("update email_sends set opened_at = null where id = ?").param(send[0]).update();

		mvc.perform(get("/t/o/" + tokens.open(send[0])))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", "image/gif"));

		assertThat(jdbc.sql("select opened_at is not null from email_sends where id = ?")
			.param(send[0])
			.query(Boolean.class)
			.single()).isTrue();
	}

	@Test
	void aTrackedLinkRedirectsToTheSignedUrlOnly() throws Exception {
		long[] send = demoSend();
		mvc.perform(get("/t/c/" + tokens.click(send[0], "https://opencrm.example/launch?x=1")))
			.andExpect(status().isFound())
			.andExpect(header().string("Location", "https://opencrm.example/launch?x=1"));
	}

	@Test
	void forgedTrackingAndUnsubscribeTokensGetA400Page() throws Exception {
		long[] send = demoSend();
		String good = tokens.unsubscribe(send[0]);
		String forged = good.substring(0, good.length() - 3) + (good.endsWith("AAA") ? "BBB" : "AAA");

		mvc.perform(get("/t/o/not-a-token")).andExpect(status().isBadRequest());
		mvc.perform(get("/t/c/" + forged)).andExpect(status().isBadRequest());
		mvc.perform(get("/u/" + forged))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("This link is not valid")));
		mvc.perform(post("/u/" + forged)).andExpect(status().isBadRequest());
	}

	@Test
	void unsubscribingIsAConfirmationPageThenOneClickWithoutLogin() throws Exception {
		long[] send = demoSend();
		String token = tokens.unsubscribe(send[0]);

		mvc.perform(get("/u/" + token))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"unsubscribe-form\"")));
		// RFC 8058: the mail provider POSTs "List-Unsubscribe=One-Click", with no session
		// and no CSRF token.
		mvc.perform(post("/u/" + token).param("List-Unsubscribe", "One-Click"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"unsubscribed\"")));

		assertThat(jdbc.sql("select consent_email from contacts where id = ?")
			.param(send[1])
			.query(Boolean.class)
			.single()).isFalse();
	}

	@Test
	void aContactsMarketingBlockIsOnTheirDashboardAndItsStatementCountStaysFlat() throws Exception {
		long contact = demoSend()[1];
		mvc.perform(get("/contacts/" + contact).with(as(users, "marketer")))
			.andExpect(content().string(containsString("id=\"dashboard-marketing\"")));

		int before = statementsFor(mvc, users, "/contacts/" + contact, "marketer");
		long template = jdbc.sql("select id from email_templates where name = 'Welcome'").query(Long.class).single();
		jdbc.sql("""
				insert into email_sends (template_id, contact_id, email, message_id, status, sent_at, enrolment_id)
				select ?, ?, 'x@example.com', '<flat' || g || '.' || ? || '@t>', 'SENT', now(), e.id
				from generate_series(1, 40) g, (select id from sequence_enrolments order by id limit 1) e
				where false
				""").params(template, contact, contact).update();
		jdbc.sql(
				"""
						insert into email_sends (campaign_id, template_id, contact_id, email, message_id, status, sent_at)
						select c.id, ?, ?, 'flat-' || c.id || '@example.com', '<flat.' || c.id || '.' || ? || '@t>', 'SENT', now()
						from campaigns c
						on conflict do nothing
						""")
			.params(template, contact, contact)
			.update();
		int after = statementsFor(mvc, users, "/contacts/" + contact, "marketer");

		assertThat(after).isEqualTo(before);
	}

	@Test
	void anAccountsMarketingBlockIsRenderedWithItsDashboardWithoutJavaScript() throws Exception {
		long account = jdbc.sql("select account_id from contacts where id = ?")
			.param(demoSend()[1])
			.query(Long.class)
			.single();

		mvc.perform(get("/accounts/" + account).with(as(users, "marketer")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"dashboard-marketing\"")))
			.andExpect(content().string(containsString("id=\"marketing-counts\"")));
		mvc.perform(get("/accounts/999999999").with(as(users, "marketer"))).andExpect(status().isNotFound());
	}

	@Test
	void aSequenceIsWrittenOneStepPerLineAndABadLineIsPointedAt() throws Exception {
		long welcome = jdbc.sql("select id from email_templates where name = 'Welcome'").query(Long.class).single();
		mvc.perform(post("/marketing/sequences").with(as(users, "marketer"))
			.with(csrf())
			.param("name", "Bad steps")
			.param("steps", "send " + welcome + "\nfly away"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Line 2 is not a step")));
		mvc.perform(post("/marketing/sequences").with(as(users, "marketer"))
			.with(csrf())
			.param("name", "Bad branch")
			.param("steps", "branch opened 7 1"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Step 1 is incomplete")));

		mvc.perform(post("/marketing/sequences").with(as(users, "marketer"))
			.with(csrf())
			.param("name", "Two steps")
			.param("steps", "send " + welcome + "\nwait 2")).andExpect(status().is3xxRedirection());
		long id = jdbc.sql("select id from sequences where name = 'Two steps'").query(Long.class).single();
		long contact = jdbc.sql("select id from contacts where lifecycle_stage <> 'CUSTOMER' order by id limit 1")
			.query(Long.class)
			.single();
		mvc.perform(post("/marketing/sequences/" + id + "/enrol").with(as(users, "marketer"))
			.with(csrf())
			.param("contactId", String.valueOf(contact)))
			.andExpect(flash().attribute("flash", "mkt.sequence.enrolled"));

		mvc.perform(get("/marketing/sequences/" + id).with(as(users, "marketer")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Send “Welcome”")))
			.andExpect(content().string(containsString("Wait 2 day(s)")))
			.andExpect(content().string(containsString("/contacts/" + contact)));
		mvc.perform(get("/contacts/" + contact).with(as(users, "marketer")))
			.andExpect(content().string(containsString("Two steps")));
	}

	@Test
	void aTestSendShowsUpInSentMailWithItsHtmlSandboxed() throws Exception {
		long template = jdbc.sql("select id from email_templates where name = 'Welcome'").query(Long.class).single();
		mvc.perform(post("/marketing/templates/" + template + "/test").with(as(users, "marketer"))
			.with(csrf())
			.param("to", "not an address")).andExpect(flash().attribute("flashError", "email.invalid"));

		mvc.perform(post("/marketing/templates/" + template + "/test").with(as(users, "marketer"))
			.with(csrf())
			.param("to", "check-sent-mail@example.com"))
			.andExpect(flash().attribute("flash", "mkt.template.test.sent"));

		mvc.perform(get("/marketing/mailbox").with(as(users, "marketer")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("check-sent-mail@example.com")));
		int newest = mail.receivedMessages().size();
		mvc.perform(get("/marketing/mailbox/" + newest).with(as(users, "marketer")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("[TEST] Welcome, Jane")))
			.andExpect(content().string(containsString("<iframe sandbox=\"\"")));
		mvc.perform(get("/marketing/mailbox/" + (newest + 1)).with(as(users, "marketer")))
			.andExpect(status().isNotFound());
	}

	@Test
	void aCampaignMailInSentMailKeepsItsTrackedLinksButViewingItCountsNoOpen() throws Exception {
		long template = jdbc.sql("select id from email_templates where name = 'Product launch'")
			.query(Long.class)
			.single();
		long campaign = jdbc.sql(
				"insert into campaigns (name, type, status, template_id) values ('Mailbox check', 'EMAIL', 'SENDING', ?) returning id")
			.param(template)
			.query(Long.class)
			.single();
		long contact = jdbc.sql("select id from contacts where consent_email order by id desc limit 1")
			.query(Long.class)
			.single();
		long send = tx.execute(s -> {
			long id = jdbc.sql("""
					insert into email_sends (campaign_id, template_id, contact_id, email, message_id)
					values (?, ?, ?, 'mailbox-check@example.com', '<mailbox-check@opencrm.local>') returning id
					""").params(campaign, template, contact).query(Long.class).single();
			sendQueue.enqueue("campaign",
					List.of(new SendQueue.NewSend(id, "mailbox-check@example.com", "<mailbox-check@opencrm.local>")));
			return id;
		});
		worker.drain(MailWorker.newWorkerId(), 10);
		progress.run();
		int newest = mail.receivedMessages().size();

		mvc.perform(get("/marketing/mailbox/" + newest).with(as(users, "marketer")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("mailbox-check@example.com")))
			.andExpect(content().string(containsString("/t/c/")))
			.andExpect(content().string(not(containsString("/t/o/"))));
		assertThat(jdbc.sql("select status from email_sends where id = ?").param(send).query(String.class).single())
			.isEqualTo("SENT");
		assertThat(jdbc.sql("select status from campaigns where id = ?").param(campaign).query(String.class).single())
			.isEqualTo("SENT");
	}

	@Test
	void theCampaignListAndACampaignPageReadAFixedNumberOfStatementsWhateverTheData() throws Exception {
		long id = jdbc.sql("select id from campaigns where name = 'Spring product launch'").query(Long.class).single();
		int listBefore = statementsFor(mvc, users, "/marketing/campaigns", "marketer");
		int pageBefore = statementsFor(mvc, users, "/marketing/campaigns/" + id, "marketer");
		jdbc.sql("insert into campaigns (name, type) select 'Filler ' || g, 'ADS' from generate_series(1, 60) g")
			.update();
		jdbc.sql(
				"""
						insert into email_sends (campaign_id, template_id, contact_id, email, message_id, status, last_error)
						select ?, o.template_id, null, 'filler-' || g || '@example.com', '<filler' || g || '@t>', 'FAILED', 'SMTP 550 ' || (g % 7)
						from generate_series(1, 300) g, (select template_id from email_sends where campaign_id = ? limit 1) o
						""")
			.params(id, id)
			.update();

		assertThat(statementsFor(mvc, users, "/marketing/campaigns", "marketer")).isEqualTo(listBefore)
			.isLessThanOrEqualTo(6);
		assertThat(statementsFor(mvc, users, "/marketing/campaigns/" + id, "marketer")).isEqualTo(pageBefore)
			.isLessThanOrEqualTo(8);
	}

}
