package org.opencrm.web.mail;

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

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Mails in doubt are listed for a person: an admin sees every one, a marketer the
 * marketing ones; resending is deliberate (a POST) and lands in the audit trail.
 */
@WebIntegrationTest
class InDoubtMailPageTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	long inDoubt(String kind, String to) {
		return jdbc.sql("""
				insert into mail_outbox (kind, purpose, to_address, subject, text_body, message_id, status, attempts,
				                         next_attempt_at, smtp_started_at, last_error, created_at, updated_at)
				values (?, 'test.doubt', ?, 'Doubtful', 'Hello', ?, 'UNKNOWN', 1, now(), now(),
				        'In doubt (no answer to the end of the message): Exception reading response', now(), now())
				returning id
				""").params(kind, to, "<" + UUID.randomUUID() + "@test>").query(Long.class).single();
	}

	@Test
	void anAdminSeesEveryMailInDoubtAMarketerOnlyTheMarketingOnes() throws Exception {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		inDoubt("SERVICE", "ticket-" + tag + "@example.com");
		inDoubt("MARKETING", "campaign-" + tag + "@example.com");

		mvc.perform(get("/mail/in-doubt").with(as(users, "admin")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("ticket-" + tag)))
			.andExpect(content().string(containsString("campaign-" + tag)));
		mvc.perform(get("/mail/in-doubt").with(as(users, "marketer")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("campaign-" + tag)))
			.andExpect(content().string(not(containsString("ticket-" + tag))));
	}

	@Test
	void resendingIsDeliberateAndAudited() throws Exception {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		long marketing = inDoubt("MARKETING", "again-" + tag + "@example.com");
		long service = inDoubt("SERVICE", "not-yours-" + tag + "@example.com");

		mvc.perform(post("/mail/in-doubt/" + service + "/resend").with(as(users, "marketer")).with(csrf()))
			.andExpect(status().isNotFound());
		mvc.perform(post("/mail/in-doubt/" + marketing + "/resend").with(as(users, "marketer")).with(csrf()))
			.andExpect(redirectedUrl("/mail/in-doubt"));

		assertThat(statusOf(marketing)).isEqualTo("PENDING");
		assertThat(statusOf(service)).isEqualTo("UNKNOWN");
		assertThat(jdbc.sql("""
				select count(*) from audit_log a join users u on u.id = a.changed_by
				where a.entity_type = 'mail' and a.entity_id = ? and a.new_value = 'PENDING' and u.username = 'marketer'
				""").param(marketing).query(Long.class).single()).isEqualTo(1);
	}

	private String statusOf(long id) {
		return jdbc.sql("select status from mail_outbox where id = ?").param(id).query(String.class).single();
	}

}
