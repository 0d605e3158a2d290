package org.opencrm.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.UserCommand;
import org.opencrm.core.user.PortalLogins;
import org.opencrm.core.user.UserService;
import org.opencrm.test.MailTexts;
import org.opencrm.core.mail.MailWorker;
import org.opencrm.test.MovableClock;
import org.opencrm.web.WebIntegrationTest;
import org.opencrm.web.system.EmbeddedMailServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * "Forgot password?" end to end: the form, the mail in the in-process SMTP server, the
 * link.
 */
@WebIntegrationTest
class PasswordResetTest {

	static final String OLD = "kettle-harbour-17";

	static final String NEW = "lantern-meadow-42";

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	PortalLogins portalLogins;

	@Autowired
	MailWorker outbox;

	@Autowired
	EmbeddedMailServer mail;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MovableClock clock;

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	private void askFor(String identifier) throws Exception {
		mvc.perform(post("/login/forgot").param("identifier", identifier).with(csrf()))
			.andExpect(redirectedUrl("/login"))
			.andExpect(flash().attribute("flash", "flash.reset.sent"));
		outbox.sendDue();
	}

	/** The path and query of the newest reset link mailed to {@code to}. */
	private String linkMailedTo(String to) throws Exception {
		List<MimeMessage> toThem = Arrays.stream(mail.greenMail().getReceivedMessages()).filter(m -> {
			try {
				return m.getRecipients(Message.RecipientType.TO)[0].toString().equals(to);
			}
			catch (Exception ex) {
				return false;
			}
		}).toList();
		assertThat(toThem).isNotEmpty();
		String body = MailTexts.text(toThem.get(toThem.size() - 1)).replace("\r", "");
		return body.replaceAll("(?s).*https?://[^/]+(/login/reset\\?token=[0-9a-f-]+).*", "$1");
	}

	private long mailsTo(String to) {
		return Arrays.stream(mail.greenMail().getReceivedMessages()).filter(m -> {
			try {
				return m.getRecipients(Message.RecipientType.TO)[0].toString().equals(to);
			}
			catch (Exception ex) {
				return false;
			}
		}).count();
	}

	@Test
	void aStaffUserResetsTheirPasswordThroughTheMailedLinkOnce() throws Exception {
		users.createUser(new UserCommand("forgetful.rep", "Forgetful Rep", "forgetful.rep@example.com", Role.SALES_REP,
				null, true, OLD, 0));
		mvc.perform(get("/login")).andExpect(content().string(containsString("/login/forgot")));
		mvc.perform(get("/login/forgot")).andExpect(status().isOk());

		askFor("forgetful.rep");
		String link = linkMailedTo("forgetful.rep@example.com");
		String token = link.substring(link.indexOf("token=") + 6);
		mvc.perform(get(link)).andExpect(status().isOk()).andExpect(content().string(containsString(token)));

		// The same rule as everywhere.
		mvc.perform(post("/login/reset").param("token", token)
			.param("newPassword", "Password123")
			.param("newPasswordRepeat", "Password123")
			.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "newPassword", "password.common"));
		mvc.perform(post("/login/reset").param("token", token)
			.param("newPassword", NEW)
			.param("newPasswordRepeat", NEW)
			.with(csrf())).andExpect(redirectedUrl("/login")).andExpect(flash().attribute("flash", "flash.reset.done"));

		mvc.perform(post("/login").param("username", "forgetful.rep").param("password", NEW).with(csrf()))
			.andExpect(authenticated().withUsername("forgetful.rep"));
		mvc.perform(post("/login").param("username", "forgetful.rep").param("password", OLD).with(csrf()))
			.andExpect(unauthenticated());

		// Used once: replaying the link is refused.
		mvc.perform(get(link))
			.andExpect(redirectedUrl("/login/forgot"))
			.andExpect(flash().attribute("flashError", "flash.reset.badLink"));
		mvc.perform(post("/login/reset").param("token", token)
			.param("newPassword", "third-password-99")
			.param("newPasswordRepeat", "third-password-99")
			.with(csrf())).andExpect(redirectedUrl("/login/forgot"));
		mvc.perform(post("/login").param("username", "forgetful.rep").param("password", NEW).with(csrf()))
			.andExpect(authenticated());
	}

	@Test
	void aPortalCustomerAsksByEmailAddressAndALinkExpiresAfterHalfAnHour() throws Exception {
		long contact = jdbc.sql("""
				select c.id from contacts c where c.email is not null
				and not exists (select 1 from users u where u.contact_id = c.id) order by c.id desc limit 1
				""").query(Long.class).single();
		portalLogins.createCustomer("forgetful.customer", "Forgetful Customer", "forgetful.customer@example.com", OLD,
				contact, true);

		askFor("Forgetful.Customer@EXAMPLE.com");
		String link = linkMailedTo("forgetful.customer@example.com");
		mvc.perform(get(link)).andExpect(status().isOk());

		clock.advance(Duration.ofMinutes(31));
		mvc.perform(get(link))
			.andExpect(redirectedUrl("/login/forgot"))
			.andExpect(flash().attribute("flashError", "flash.reset.badLink"));
		String token = link.substring(link.indexOf("token=") + 6);
		mvc.perform(post("/login/reset").param("token", token)
			.param("newPassword", NEW)
			.param("newPasswordRepeat", NEW)
			.with(csrf())).andExpect(redirectedUrl("/login/forgot"));
		mvc.perform(post("/login").param("username", "forgetful.customer").param("password", OLD).with(csrf()))
			.andExpect(authenticated());
	}

	@Test
	void unknownAccountsGetTheSameAnswerAndNoMail() throws Exception {
		long before = mail.greenMail().getReceivedMessages().length;
		askFor("nobody-we-know");
		askFor("nobody@nowhere.example");
		assertThat(mail.greenMail().getReceivedMessages()).hasSize((int) before);
	}

	@Test
	void theLinkAlwaysPointsAtTheConfiguredAddressAndAskingIsCapped() throws Exception {
		users.createUser(new UserCommand("host.victim", "Host Victim", "host.victim@example.com", Role.MARKETER, null,
				true, OLD, 0));
		mvc.perform(
				post("/login/forgot").param("identifier", "host.victim").header("Host", "evil.example").with(csrf()))
			.andExpect(redirectedUrl("/login"));
		outbox.sendDue();
		String body = jdbc.sql("select text_body from mail_outbox where to_address = 'host.victim@example.com'")
			.query(String.class)
			.list()
			.get(0);
		assertThat(body).doesNotContain("evil.example").contains("http://localhost:8080/login/reset?token=");
		for (int i = 0; i < 5; i++) {
			askFor("host.victim");
		}
		assertThat(mailsTo("host.victim@example.com")).isEqualTo(3);
	}

}
