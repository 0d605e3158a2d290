package org.opencrm.marketing.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencrm.marketing.Fixtures.account;
import static org.opencrm.marketing.Fixtures.contact;
import static org.opencrm.marketing.Fixtures.template;
import static org.opencrm.marketing.Fixtures.unique;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.core.port.DataSubject;
import org.opencrm.marketing.MarketingTest;
import org.opencrm.marketing.campaign.CampaignCommand;
import org.opencrm.marketing.campaign.CampaignService;
import org.opencrm.marketing.campaign.CampaignType;
import org.opencrm.marketing.customer.MarketingCustomerSummary;
import org.opencrm.marketing.tracking.TrackingService;
import org.opencrm.marketing.tracking.TrackingTokens;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An account's e-mail figures come from the roll-up {@code account_email_stats} and
 * {@code email_sends.account_id} (V202612070900, both kept by triggers), and always equal
 * what counting the sends of the account's contacts gives: after a real send, opens and
 * clicks, contacts moving between accounts (and into and out of none), a merge of two
 * people, an erasure, a deleted contact, a send that failed after all, a deleted send and
 * sends written in bulk (an account left with nothing to count has no row). The account's
 * summary (counts, latest engagement, five most recent mails) equals the one computed
 * from the sends each time.
 */
class AccountEmailStatsTest extends MarketingTest {

	@Autowired
	CampaignService campaigns;

	@Autowired
	TrackingService tracking;

	@Autowired
	TrackingTokens tokens;

	@Autowired
	SendMerge merge;

	@Autowired
	SendPersonalData personalData;

	@Autowired
	MarketingCustomerSummary summary;

	record Figures(long accountId, long received, long opened, long clicked) {
	}

	List<Figures> rollUp(List<Long> accounts) {
		return jdbc.sql("""
				select account_id, received, opened, clicked from account_email_stats
				where account_id = any(?) order by 1
				""").param(accounts.toArray(Long[]::new)).query(Figures.class).list();
	}

	/** The same figures counted from the sends of the accounts' contacts now. */
	List<Figures> live(List<Long> accounts) {
		return jdbc
			.sql("""
					select c.account_id, count(*) filter (where s.status = 'SENT') as received,
					       count(s.opened_at) as opened, count(s.clicked_at) as clicked
					from email_sends s join contacts c on c.id = s.contact_id
					where c.account_id = any(?)
					group by 1
					having count(*) filter (where s.status = 'SENT') > 0 or count(s.opened_at) > 0 or count(s.clicked_at) > 0
					order by 1
					""")
			.param(accounts.toArray(Long[]::new))
			.query(Figures.class)
			.list();
	}

	void assertRollUpIsLive(List<Long> accounts, List<Long> campaignIds) {
		List<Figures> live = live(accounts);
		assertThat(live).as("the test has sends to count").isNotEmpty();
		assertThat(rollUp(accounts)).isEqualTo(live);
		assertThat(jdbc.sql("""
				select count(*) from email_sends s left join contacts c on c.id = s.contact_id
				where s.campaign_id = any(?) and s.account_id is distinct from c.account_id
				""").param(campaignIds.toArray(Long[]::new)).query(Long.class).single())
			.as("sends whose account is not their contact's")
			.isZero();
		for (long account : accounts) {
			assertSummaryIsLive(account);
		}
	}

	/** The account's summary equals the one computed from its contacts' sends. */
	void assertSummaryIsLive(long account) {
		MarketingCustomerSummary.Summary s = summary.forAccount(account);
		record Live(long received, long opened, long clicked, Instant lastOpen, Instant lastClick) {
		}
		Live live = jdbc.sql("""
				select count(*) filter (where s.status = 'SENT') as received, count(s.opened_at) as opened,
				       count(s.clicked_at) as clicked, max(s.opened_at) as last_open, max(s.clicked_at) as last_click
				from email_sends s join contacts c on c.id = s.contact_id where c.account_id = ?
				""").param(account).query(Live.class).single();
		List<Long> recent = jdbc.sql("""
				select s.id from email_sends s join contacts c on c.id = s.contact_id
				where c.account_id = ? and s.status = 'SENT' order by s.sent_at desc, s.id desc limit ?
				""").params(account, MarketingCustomerSummary.TOUCHES_SHOWN).query(Long.class).list();
		assertThat(List.of(s.emailsReceived(), s.opened(), s.clicked())).as("account " + account)
			.isEqualTo(List.of(live.received(), live.opened(), live.clicked()));
		assertThat(s.recent()).extracting(MarketingCustomerSummary.Touch::sendId).isEqualTo(recent);
		Instant engaged = live.lastClick();
		if (live.lastOpen() != null && (engaged == null || live.lastOpen().isAfter(engaged))) {
			engaged = live.lastOpen();
		}
		if (engaged == null && !s.recent().isEmpty()) {
			engaged = s.recent().get(0).sentAt();
		}
		assertThat(s.lastEngagementAt()).as("last engagement of " + account).isEqualTo(engaged);
	}

	long campaignTo(String tag) {
		long segment = segments.define(tag);
		long id = campaigns.create(new CampaignCommand("Account stats " + tag, CampaignType.EMAIL, null, null, null,
				null, segment, template(jdbc, "T " + tag), 0));
		campaigns.schedule(id, 0, null);
		assertThat(campaigns.startDue()).contains(id);
		return id;
	}

	List<Long> sendsOf(long campaign) {
		return jdbc.sql("select id from email_sends where campaign_id = ? order by id")
			.param(campaign)
			.query(Long.class)
			.list();
	}

	void moveContact(long contact, Long account) {
		jdbc.sql("update contacts set account_id = ? where id = ?").params(account, contact).update();
	}

	/** As core deletes a person: their timeline first, then the row. */
	void deleteContact(long contact) {
		jdbc.sql("delete from interactions where contact_id = ?").param(contact).update();
		jdbc.sql("delete from contacts where id = ?").param(contact).update();
	}

	@Test
	void theRollUpEqualsTheSendsOfTheAccountsContactsAfterEveryKindOfWrite() {
		String tag = unique();
		long a1 = account(jdbc, "Stats one " + tag);
		long a2 = account(jdbc, "Stats two " + tag);
		long a3 = account(jdbc, "Stats three " + tag);
		List<Long> accounts = List.of(a1, a2, a3);
		long lone = contact(jdbc, "Lone", "lone-" + tag + "@example.com", tag, true, a3);
		List<Long> people = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			Long account = i < 6 ? Long.valueOf(a1) : i < 9 ? Long.valueOf(a2) : null;
			people.add(contact(jdbc, "P" + i, "p" + i + "-" + tag + "@example.com", tag, true, account));
		}
		long k1 = campaignTo(tag);
		sendAll(4);
		clock.advance(java.time.Duration.ofMinutes(5));
		long k2 = campaignTo(tag);
		sendAll(100);
		List<Long> ids = List.of(k1, k2);
		assertThat(sendsOf(k1)).hasSize(11);
		assertRollUpIsLive(accounts, ids);

		// Opens and clicks through the tracking links, some twice (counted once).
		List<Long> sends = sendsOf(k1);
		for (int i = 0; i < 7; i++) {
			tracking.opened(tokens.open(sends.get(i)));
			tracking.opened(tokens.open(sends.get(i)));
		}
		for (int i = 3; i < 8; i++) {
			tracking.clicked(tokens.click(sends.get(i), "https://example.com/"));
		}
		assertRollUpIsLive(accounts, ids);

		// Contacts change account: one to the other account, one out of any, one with
		// none
		// into one.
		moveContact(people.get(0), a2);
		moveContact(people.get(1), null);
		moveContact(people.get(9), a1);
		moveContact(lone, a2);
		assertRollUpIsLive(accounts, ids);
		assertThat(rollUp(List.of(a3))).as("an account whose only person left").isEmpty();

		// A merge of two people of different accounts who both got k1 and k2 (the merged
		// one's sends stop naming a person), then the merged person is deleted.
		merge.moveContact(people.get(6), people.get(2));
		deleteContact(people.get(6));
		assertRollUpIsLive(accounts, ids);

		// An erasure, and a contact deleted outright (its sends no longer name anyone).
		personalData
			.erase(new DataSubject(people.get(3), null, "p3-" + tag + "@example.com", "P3", "Person", List.of()));
		deleteContact(people.get(7));
		assertRollUpIsLive(accounts, ids);

		// A send that failed after all, a deleted send, and sends written in bulk (as the
		// demo seeder does), one of them opened before it was "sent".
		List<Long> k2Sends = jdbc
			.sql("select id from email_sends where campaign_id = ? and contact_id is not null order by id")
			.param(k2)
			.query(Long.class)
			.list();
		jdbc.sql("update email_sends set status = 'FAILED' where id = ?").param(k2Sends.get(0)).update();
		jdbc.sql("delete from email_sends where id = ?").param(k2Sends.get(1)).update();
		long k3 = jdbc.sql("insert into campaigns (name, type, status) values (?, 'EMAIL', 'SENT') returning id")
			.param("Account stats bulk " + tag)
			.query(Long.class)
			.single();
		jdbc.sql(
				"""
						insert into email_sends (campaign_id, template_id, contact_id, email, message_id, status, sent_at,
						                         opened_at, clicked_at)
						select ?, ?, c.id, 'bulk-' || c.id || ?, '<bulk' || c.id || ? || '>',
						       case when c.id % 3 = 0 then 'PENDING' else 'SENT' end,
						       case when c.id % 3 = 0 then null else timestamptz '2031-06-01 10:00Z' + c.id * interval '1 minute' end,
						       case when c.id % 2 = 0 then timestamptz '2031-06-02 10:00Z' end, null
						from contacts c where c.tags @> array[?]::text[]
						""")
			.params(k3, template(jdbc, "Bulk " + tag), "@" + tag + ".example", tag, tag)
			.update();
		assertRollUpIsLive(accounts, List.of(k1, k2, k3));

		// The pending ones are sent.
		jdbc.sql(
				"update email_sends set status = 'SENT', sent_at = timestamptz '2031-07-01 10:00Z' + id * interval '1 second'"
						+ " where campaign_id = ? and status = 'PENDING'")
			.param(k3)
			.update();
		assertRollUpIsLive(accounts, List.of(k1, k2, k3));
	}

}
