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

import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
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
