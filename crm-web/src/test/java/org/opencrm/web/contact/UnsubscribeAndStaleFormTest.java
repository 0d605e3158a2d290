package org.opencrm.web.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.opencrm.web.Logins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.marketing.tracking.TrackingTokens;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A rep has a contact's edit form open; meanwhile the person clicks "unsubscribe" in a
 * campaign e-mail. When the rep saves, the form still says "e-mail consent: yes" — it
 * must conflict, not silently turn consent back on. People sharing the address share the
 * mailbox, so the same holds for every contact with it, not only the one the mail was
 * sent to.
 */
@WebIntegrationTest
class UnsubscribeAndStaleFormTest {

	private static final Pattern VERSION = Pattern.compile("name=\"version\" value=\"(\\d+)\"");

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	TrackingTokens tokens;

	@Autowired
	JdbcClient jdbc;

	@Test
	void anUnsubscribeIsNotUndoneByAnEditFormOpenedBeforeIt() throws Exception {
		String u = UUID.randomUUID().toString().substring(0, 8);
		String email = "stale-" + u + "@example.com";
		long recipient = consentingContact("Rhea", "Recipient " + u, email);
		long sameMailbox = consentingContact("Sam", "Shared " + u, email.toUpperCase());
		long send = sentMail(recipient, email);
		// The rep opens both edit forms: each carries the version it was loaded at.
		long recipientSeen = versionOnEditForm(recipient);
		long sameMailboxSeen = versionOnEditForm(sameMailbox);

		// The person unsubscribes through the link in the e-mail (RFC 8058 one-click).
		mvc.perform(post("/u/" + tokens.unsubscribe(send)).param("List-Unsubscribe", "One-Click"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"unsubscribed\"")));

		// The rep saves each form as loaded: consent still ticked.
		saveAsLoaded(recipient, "Rhea", "Recipient " + u, email, recipientSeen).andExpect(status().isConflict())
			.andExpect(content().string(containsString("Someone else changed this record")));
		saveAsLoaded(sameMailbox, "Sam", "Shared " + u, email.toUpperCase(), sameMailboxSeen)
			.andExpect(status().isConflict())
			.andExpect(content().string(containsString("Someone else changed this record")));

		assertThat(consent(recipient)).isFalse();
		assertThat(consent(sameMailbox)).isFalse();
		// Each withdrawal is in the contact's field history.
		assertThat(consentHistory(sameMailbox)).isEqualTo("true -> false");
		assertThat(consentHistory(recipient)).isEqualTo("true -> false");
	}

	private long consentingContact(String first, String last, String email) {
		return jdbc.sql("""
				insert into contacts (first_name, last_name, email, lifecycle_stage, consent_email)
				values (?, ?, ?, 'SUBSCRIBER', true) returning id
				""").params(first, last, email).query(Long.class).single();
	}

	/** A campaign e-mail already sent to the contact, as the outbox leaves it. */
	private long sentMail(long contact, String email) {
		return jdbc.sql("""
				insert into email_sends (campaign_id, template_id, contact_id, email, message_id, status, sent_at)
				select k.id, k.template_id, ?, ?, ?, 'SENT', now() from campaigns k
				where k.name = 'Spring product launch'
				returning id
				""").params(contact, email, "<stale." + contact + "@t>").query(Long.class).single();
	}

	private long versionOnEditForm(long contact) throws Exception {
		String page = mvc.perform(get("/contacts/{id}/edit", contact).with(as(users, "rep")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		Matcher m = VERSION.matcher(page);
		assertThat(m.find()).as("the edit form carries the version").isTrue();
		return Long.parseLong(m.group(1));
	}

	private org.springframework.test.web.servlet.ResultActions saveAsLoaded(long contact, String first, String last,
			String email, long version) throws Exception {
		return mvc.perform(post("/contacts/{id}", contact).param("firstName", first)
			.param("lastName", last)
			.param("email", email)
			.param("lifecycleStage", "SUBSCRIBER")
			.param("consentEmail", "true")
			.param("confirmDuplicate", "true")
			.param("version", Long.toString(version))
			.with(csrf())
			.with(as(users, "rep")));
	}

	private boolean consent(long contact) {
		return jdbc.sql("select consent_email from contacts where id = ?").param(contact).query(Boolean.class).single();
	}

	private String consentHistory(long contact) {
		return jdbc.sql("""
				select string_agg(old_value || ' -> ' || new_value, '; ' order by id) from audit_log
				where entity_type = 'contact' and entity_id = ? and field = 'consentEmail'
				""").param(contact).query(String.class).single();
	}

}
