package org.opencrm.marketing.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencrm.marketing.Fixtures.account;
import static org.opencrm.marketing.Fixtures.contact;
import static org.opencrm.marketing.Fixtures.template;
import static org.opencrm.marketing.Fixtures.unique;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.marketing.MarketingTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An account's e-mail figures, read in one statement with its most recent e-mails: the
 * counts over every send to its contacts, the five newest sent ones newest first (ties by
 * id), the last engagement; nothing for an account without mail.
 */
class AccountEmailSummaryTest extends MarketingTest {

	@Autowired
	MarketingCustomerSummary summaries;

	long template;

	@Test
	void countsEverySendToTheAccountsContactsAndListsTheFiveNewestSent() {
		String u = unique();
		template = template(jdbc, "Acc " + u);
		long acme = account(jdbc, "Acc Acme " + u);
		long other = account(jdbc, "Acc Other " + u);
		long ann = contact(jdbc, "Ann", "ann-" + u + "@example.com", u, true, acme);
		long bob = contact(jdbc, "Bob", "bob-" + u + "@example.com", u, true, acme);
		long eve = contact(jdbc, "Eve", "eve-" + u + "@example.com", u, true, other);
		List<Long> sent = new ArrayList<>();
		sent.add(send(ann, "SENT", "2009-01-01T10:00:00Z", "2009-01-02T10:00:00Z", null));
		sent.add(send(bob, "SENT", "2009-01-03T10:00:00Z", null, null));
		sent.add(send(ann, "SENT", "2009-01-05T10:00:00Z", "2009-01-05T11:00:00Z", "2009-01-05T12:00:00Z"));
		sent.add(send(bob, "SENT", "2009-01-05T10:00:00Z", null, null));
		sent.add(send(ann, "SENT", "2009-01-07T10:00:00Z", null, null));
		sent.add(send(bob, "SENT", "2009-01-09T10:00:00Z", null, null));
		long failed = send(ann, "FAILED", "2009-01-10T10:00:00Z", null, null);
		send(eve, "SENT", "2009-01-11T10:00:00Z", "2009-01-11T11:00:00Z", null);

		MarketingCustomerSummary.Summary s = summaries.forAccount(acme);

		assertThat(s.emailsReceived()).isEqualTo(6);
		assertThat(s.opened()).isEqualTo(2);
		assertThat(s.clicked()).isEqualTo(1);
		assertThat(s.lastEngagement()).isEqualTo("CLICKED");
		assertThat(s.lastEngagementAt()).isEqualTo(Instant.parse("2009-01-05T12:00:00Z"));
		assertThat(s.recent()).extracting(MarketingCustomerSummary.Touch::sendId)
			.doesNotContain(failed)
			.containsExactly(sent.get(5), sent.get(4), sent.get(3), sent.get(2), sent.get(1));
		assertThat(s.recent().get(0).contactName()).isEqualTo("Bob Person");
		assertThat(s.recent().get(3).clickedAt()).isEqualTo(Instant.parse("2009-01-05T12:00:00Z"));
	}

	@Test
	void anAccountWithoutMailHasNoFigures() {
		long quiet = account(jdbc, "Acc Quiet " + unique());
		contact(jdbc, "Quinn", "quinn-" + unique() + "@example.com", unique(), true, quiet);

		MarketingCustomerSummary.Summary s = summaries.forAccount(quiet);

		assertThat(s.emailsReceived()).isZero();
		assertThat(s.opened()).isZero();
		assertThat(s.lastEngagement()).isNull();
		assertThat(s.recent()).isEmpty();
	}

	/** A send of its own campaign (a campaign mails each person once). */
	private long send(long contact, String status, String sentAt, String openedAt, String clickedAt) {
		long campaign = jdbc.sql("insert into campaigns (name, type, status) values (?, 'EMAIL', 'SENT') returning id")
			.param("Acc campaign " + unique())
			.query(Long.class)
			.single();
		return jdbc
			.sql("""
					insert into email_sends (campaign_id, template_id, contact_id, email, message_id, status, sent_at, opened_at,
					                         clicked_at)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id
					""")
			.params(campaign, template, contact, unique() + "@acc.example", "<" + unique() + "@acc>", status,
					at(sentAt), at(openedAt), at(clickedAt))
			.query(Long.class)
			.single();
	}

	private static Timestamp at(String instant) {
		return instant == null ? null : Timestamp.from(Instant.parse(instant));
	}

}
