package org.opencrm.web.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.opencrm.web.Logins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.service.mail.InboundMailService;
import org.opencrm.service.mail.MailSettings;
import org.opencrm.web.WebIntegrationTest;
import org.opencrm.web.system.EmbeddedMailServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The dashboard's send-e-mail quick action, against the in-process SMTP server
 * (GreenMail).
 */
@WebIntegrationTest
class CustomerEmailTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	EmbeddedMailServer mail;

	@Autowired
	InboundMailService inbound;

	@Autowired
	MailSettings mailSettings;

	@Test
	void theMessageArrivesAtTheSmtpServerAndLandsOnTheTimeline() throws Exception {
		DashboardRows rows = new DashboardRows(jdbc, users);
		String u = DashboardRows.unique();
		long account = rows.account("Mailed " + u, rows.user("rep"));
		long contact = rows.contact(account, "Mia", "Mailed" + u, "mia." + u + "@mailed.example", null,
				rows.user("rep"), null);
		mvc.perform(get("/contacts/" + contact + "/email").with(as(users, "rep")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("value=\"mia." + u + "@mailed.example\"")));

		mvc.perform(post("/contacts/" + contact + "/email").param("to", "mia." + u + "@mailed.example")
			.param("subject", "Your quote " + u)
			.param("body", "Here it is.")
			.with(csrf())
			.with(as(users, "rep"))).andExpect(redirectedUrl("/contacts/" + contact + "#timeline"));

		MimeMessage sent = Arrays.stream(mail.receivedMessages().toArray(new MimeMessage[0]))
			.filter(m -> subject(m).equals("Your quote " + u))
			.findFirst()
			.orElseThrow();
		assertThat(sent.getAllRecipients()[0].toString()).isEqualTo("mia." + u + "@mailed.example");
		assertThat(jdbc.sql("select kind || ' ' || account_id || ' ' || contact_id from interactions where subject = ?")
			.param("Your quote " + u)
			.query(String.class)
			.single()).isEqualTo("EMAIL " + account + " " + contact);
		mvc.perform(get("/contacts/" + contact).with(as(users, "rep")))
			.andExpect(content().string(containsString("Your quote " + u)));
	}

	@Test
	void theCustomersAnswerLandsOnTheirTimelineAndTellsTheSenderNeverATicket() throws Exception {
		// given a rep mails a contact from the contact's page
		DashboardRows rows = new DashboardRows(jdbc, users);
		String u = DashboardRows.unique();
		long rep = rows.user("rep");
		long account = rows.account("Answering " + u, rep);
		String address = "ann." + u + "@answering.example";
		long contact = rows.contact(account, "Ann", "Answering" + u, address, null, rep, null);
		mvc.perform(post("/contacts/" + contact + "/email").param("to", address)
			.param("subject", "Offer " + u)
			.param("body", "Our offer is attached.")
			.with(csrf())
			.with(as(users, "rep"))).andExpect(redirectedUrl("/contacts/" + contact + "#timeline"));
		MimeMessage sent = Arrays.stream(mail.receivedMessages().toArray(new MimeMessage[0]))
			.filter(m -> subject(m).equals("Offer " + u))
			.findFirst()
			.orElseThrow();

		// then it goes out under the rep's name, answers routed to the support mailbox
		InternetAddress from = (InternetAddress) sent.getFrom()[0];
		assertThat(from.getPersonal()).isEqualTo("Rita Rep");
		InternetAddress replyTo = (InternetAddress) sent.getReplyTo()[0];
		assertThat(replyTo.getAddress()).isEqualTo(mailSettings.supportAddress());
		assertThat(replyTo.getPersonal()).isEqualTo("Rita Rep");

		// when the contact answers it (their mail program names our Message-ID)
		long ticketsBefore = count("select count(*) from tickets");
		String answerId = "<answer-" + u + "@answering.example>";
		inbound.store(mailSettings.supportAddress(),
				("Message-ID: " + answerId + "\r\nFrom: Ann <" + address + ">\r\nTo: " + mailSettings.supportAddress()
						+ "\r\nSubject: Re: Offer " + u + "\r\nIn-Reply-To: " + sent.getMessageID() + "\r\nReferences: "
						+ sent.getMessageID()
						+ "\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nLooks good, let's sign.\r\n")
					.getBytes(StandardCharsets.UTF_8));
		inbound.processPending();

		// then it is an inbound e-mail on the contact's timeline
		assertThat(jdbc.sql("select status || ' ' || coalesce(ticket_id, 0) from inbound_emails where message_id = ?")
			.param(answerId)
			.query(String.class)
			.single()).isEqualTo("PROCESSED 0");
		assertThat(count("select count(*) from interactions where contact_id = ? and kind = 'EMAIL'"
				+ " and subject_key = 'timeline.email.answer' and subject_args -> 0 ->> 'text' = ?"
				+ " and body_args::text like '%Looks good, let''s sign.%'", contact, "Re: Offer " + u))
			.isEqualTo(1);
		mvc.perform(get("/contacts/" + contact).with(as(users, "rep")))
			.andExpect(content().string(containsString("Re: Offer " + u)));
		// and no ticket, no acknowledgement, no second contact
		assertThat(count("select count(*) from tickets")).isEqualTo(ticketsBefore);
		assertThat(count("select count(*) from mail_outbox where purpose = 'ticket.ack' and to_address = ?", address))
			.isZero();
		assertThat(count("select count(*) from contacts where lower(email) = ?", address)).isEqualTo(1);
		// and the rep is told by mail
		assertThat(jdbc.sql("""
				select subject from mail_outbox where purpose = 'customer.reply'
				and to_address = (select email from users where id = ?) and subject like ?
				""").params(rep, "%Offer " + u + "%").query(String.class).single()).contains("Ann Answering" + u);
	}

	private long count(String sql, Object... params) {
		return jdbc.sql(sql).params(params).query(Long.class).single();
	}

	@Test
	void aBadAddressIsAFormMessageAndNothingIsSent() throws Exception {
		DashboardRows rows = new DashboardRows(jdbc, users);
		String u = DashboardRows.unique();
		long account = rows.account("Unmailed " + u, rows.user("rep"));
		int before = mail.receivedMessages().size();
		for (String bad : new String[] { "not-an-address", "a@b.example, c@d.example", "" }) {
			mvc.perform(post("/accounts/" + account + "/email").param("to", bad)
				.param("subject", "Nope " + u)
				.param("body", "Hi")
				.with(csrf())
				.with(as(users, "rep")))
				.andExpect(status().isOk())
				.andExpect(model().attributeHasFieldErrors("form", "to"));
		}
		mvc.perform(post("/accounts/" + account + "/email").param("to", "ok@fine.example")
			.param("subject", " ")
			.param("body", "")
			.with(csrf())
			.with(as(users, "rep")))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("form", "subject", "body"));
		assertThat(mail.receivedMessages()).hasSize(before);
		assertThat(jdbc.sql("select count(*) from interactions where subject = ?")
			.param("Nope " + u)
			.query(Long.class)
			.single()).isZero();
	}

	private static String subject(MimeMessage m) {
		try {
			return m.getSubject();
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
