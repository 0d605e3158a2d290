package org.opencrm.web.marketing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.opencrm.web.Logins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.marketing.send.SendProgress;
import org.opencrm.marketing.send.SendQueue;
import org.springframework.transaction.support.TransactionTemplate;
import org.opencrm.core.mail.MailWorker;
import org.opencrm.web.WebIntegrationTest;
import org.opencrm.web.system.EmbeddedMailServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The embedded server's "Sent mail" page must not hand a marketer the links of mail meant
 * for someone else: a portal verification link would let them take over the customer's
 * account.
 */
@WebIntegrationTest
class SentMailVisibilityTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	EmbeddedMailServer mail;

	@Autowired
	MailWorker serviceOutbox;

	@Autowired
	SendQueue sendQueue;

	@Autowired
	SendProgress progress;

	@Autowired
	TransactionTemplate tx;

	private int numberOf(String to) throws Exception {
		List<MimeMessage> all = mail.receivedMessages();
		for (int n = all.size(); n >= 1; n--) {
			var recipients = all.get(n - 1).getRecipients(Message.RecipientType.TO);
			if (recipients != null && recipients[0].toString().equalsIgnoreCase(to)) {
				return n;
			}
		}
		throw new AssertionError("no mail to " + to);
	}

	@Test
	void marketersSeeCampaignMailButNotAPortalVerificationLinkWhichAdminsStillSee() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		String customerEmail = "taken-over." + suffix + "@example.com";
		mvc.perform(post("/portal/register").param("firstName", "Vera")
			.param("lastName", "Fied")
			.param("email", customerEmail)
			.param("username", "vera." + suffix)
			.param("password", "sunny-day-2026")
			.param("passwordRepeat", "sunny-day-2026")
			.with(csrf())).andExpect(redirectedUrl("/login?registered"));
		serviceOutbox.sendDue();
		String body = jdbc.sql("select text_body from mail_outbox where purpose = 'portal.verify' and to_address = ?")
			.param(customerEmail)
			.query(String.class)
			.single();
		String token = body.replaceAll("(?s).*?/portal/verify\\?token=([0-9a-f]+).*", "$1");
		int verification = numberOf(customerEmail);

		String campaignEmail = "campaign-reader." + suffix + "@example.com";
		long template = jdbc.sql("select id from email_templates where name = 'Product launch'")
			.query(Long.class)
			.single();
		long campaign = jdbc.sql(
				"insert into campaigns (name, type, status, template_id) values (?, 'EMAIL', 'SENDING', ?) returning id")
			.params("Visibility " + suffix, template)
			.query(Long.class)
			.single();
		long contact = jdbc.sql("select id from contacts where consent_email order by id desc limit 1")
			.query(Long.class)
			.single();
		String messageId = "<visibility-" + suffix + "@opencrm.local>";
		tx.executeWithoutResult(s -> {
			long send = jdbc.sql("""
					insert into email_sends (campaign_id, template_id, contact_id, email, message_id)
					values (?, ?, ?, ?, ?) returning id
					""").params(campaign, template, contact, campaignEmail, messageId).query(Long.class).single();
			sendQueue.enqueue("campaign", List.of(new SendQueue.NewSend(send, campaignEmail, messageId)));
		});
		serviceOutbox.sendDue();
		progress.run();
		int campaignMail = numberOf(campaignEmail);

		mvc.perform(get("/marketing/mailbox").with(as(users, "marketer")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(campaignEmail)))
			.andExpect(content().string(not(containsString(customerEmail))))
			.andExpect(content().string(not(containsString(token))));
		mvc.perform(get("/marketing/mailbox/" + campaignMail).with(as(users, "marketer")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(campaignEmail)));
		mvc.perform(get("/marketing/mailbox/" + verification).with(as(users, "marketer")))
			.andExpect(status().isNotFound())
			.andExpect(content().string(not(containsString(token))));
		// Paging older never reaches it either.
		mvc.perform(
				get("/marketing/mailbox").param("before", String.valueOf(verification + 1)).with(as(users, "marketer")))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString(customerEmail))));

		mvc.perform(get("/marketing/mailbox").with(as(users, "admin")))
			.andExpect(content().string(containsString(customerEmail)));
		mvc.perform(get("/marketing/mailbox/" + verification).with(as(users, "admin")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(token)));
		assertThat(token).hasSizeGreaterThan(20);
	}

}
