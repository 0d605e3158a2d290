package org.opencrm.marketing.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencrm.marketing.Fixtures.contact;
import static org.opencrm.marketing.Fixtures.contacts;
import static org.opencrm.marketing.Fixtures.template;
import static org.opencrm.marketing.Fixtures.unique;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencrm.core.port.DataSubject;
import org.opencrm.marketing.MarketingTest;
import org.opencrm.marketing.campaign.CampaignCommand;
import org.opencrm.marketing.campaign.CampaignService;
import org.opencrm.marketing.campaign.CampaignType;
import org.opencrm.marketing.summary.CampaignPerformance;
import org.opencrm.marketing.summary.CampaignPerformanceQuery;
import org.opencrm.marketing.tracking.TrackingService;
import org.opencrm.marketing.tracking.TrackingTokens;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The campaign roll-up ({@code campaign_send_stats}, kept by triggers on
 * {@code email_sends}) always equals counting the sends themselves: after a real send,
 * opens and clicks, a merge of two people, an erasure, a send that fails after all, a
 * send moved to another quarter hour, a deleted send and a bulk insert — and the
 * dashboard's campaign figures read from it equal the figures counted from the sends.
 */
class CampaignSendStatsTest extends MarketingTest {

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
	CampaignPerformanceQuery performance;

	record Figures(long campaignId, String bucket, long sent, long opened, long clicked) {
	}

	/** The roll-up's non-empty rows of these campaigns. */
	List<Figures> rollUp(List<Long> ids) {
		return jdbc.sql("""
				select campaign_id, bucket::text as bucket, sent, opened, clicked from campaign_send_stats
				where campaign_id = any(?) and (sent <> 0 or opened <> 0 or clicked <> 0)
				order by 1, 2
				""").param(ids.toArray(Long[]::new)).query(Figures.class).list();
	}

	/** The same figures counted from the sends. */
	List<Figures> live(List<Long> ids) {
		return jdbc.sql("""
				select campaign_id, to_timestamp(floor(extract(epoch from sent_at) / 900) * 900)::text as bucket,
				       count(*) as sent, count(opened_at) as opened, count(clicked_at) as clicked
				from email_sends where campaign_id = any(?) and status = 'SENT' and sent_at is not null
				group by 1, 2 order by 1, 2
				""").param(ids.toArray(Long[]::new)).query(Figures.class).list();
	}

	void assertRollUpIsLive(List<Long> ids) {
		List<Figures> live = live(ids);
		assertThat(live).as("the test has sends to count").isNotEmpty();
		assertThat(rollUp(ids)).isEqualTo(live);
	}

	long campaignTo(String tag) {
		long segment = segments.define(tag);
		long id = campaigns.create(new CampaignCommand("Stats " + tag, CampaignType.EMAIL, null, null, null, null,
				segment, template(jdbc, "T " + tag), 0));
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

	@Test
	void theRollUpEqualsTheSendsAfterEveryKindOfWrite() {
		String tag = unique();
		contacts(jdbc, tag, 20, true);
		long keep = contact(jdbc, "Keep", "keep-" + tag + "@example.com", tag, true, null);
		long gone = contact(jdbc, "Gone", "gone-" + tag + "@example.com", tag, true, null);
		long k1 = campaignTo(tag);
		sendAll(7);
		String other = unique();
		contacts(jdbc, other, 5, true);
		jdbc.sql("update contacts set tags = array_append(tags, ?) where id in (?, ?)")
			.params(other, keep, gone)
			.update();
		long k2 = campaignTo(other);
		sendAll(100);
		List<Long> ids = List.of(k1, k2);
		assertThat(sendsOf(k1)).hasSize(22);
		assertRollUpIsLive(ids);

		// Opens and clicks, some twice (counted once), through the tracking links.
		List<Long> sends = sendsOf(k1);
		for (int i = 0; i < 8; i++) {
			tracking.opened(tokens.open(sends.get(i)));
			tracking.opened(tokens.open(sends.get(i)));
		}
		for (int i = 4; i < 11; i++) {
			tracking.clicked(tokens.click(sends.get(i), "https://example.com/"));
		}
		assertRollUpIsLive(ids);

		// A merge of two people who both got k2 (one send stops naming a person), an
		// erasure.
		merge.moveContact(gone, keep);
		assertRollUpIsLive(ids);
		personalData.erase(new DataSubject(keep, null, "keep-" + tag + "@example.com", "Keep", "Person", List.of()));
		assertRollUpIsLive(ids);

		// A send that failed after all, one moved to another quarter hour, one deleted,
		// and sends written in bulk (as the demo seeder does).
		jdbc.sql("update email_sends set status = 'FAILED' where id = ?").param(sends.get(0)).update();
		jdbc.sql("update email_sends set sent_at = sent_at - interval '1 day' where id = ?")
			.param(sends.get(5))
			.update();
		jdbc.sql("delete from email_sends where id = ?").param(sends.get(6)).update();
		jdbc.sql(
				"""
						insert into email_sends (campaign_id, template_id, email, message_id, status, sent_at, opened_at, clicked_at)
						select ?, (select template_id from email_sends where campaign_id = ? limit 1), 'bulk' || g || ?,
						       '<bulk' || g || ? || '>', case when g % 3 = 0 then 'FAILED' else 'SENT' end,
						       timestamptz '2013-06-01 10:00Z' + g * interval '7 minutes',
						       case when g % 2 = 0 then now() end, case when g % 4 = 0 then now() end
						from generate_series(1, 40) g
						""")
			.params(k2, k2, "@" + tag + ".example", tag)
			.update();
		assertRollUpIsLive(ids);
	}

	@Test
	void theDashboardsCampaignFiguresFromTheRollUpEqualThoseCountedFromTheSends() {
		String tag = unique();
		long template = template(jdbc, "Perf " + tag);
		long k = jdbc.sql("insert into campaigns (name, type, status) values (?, 'EMAIL', 'SENT') returning id")
			.param("Stats perf " + tag)
			.query(Long.class)
			.single();
		// Sends every 50 minutes over three days of 2012 around midnight in Berlin and
		// UTC.
		jdbc.sql(
				"""
						insert into email_sends (campaign_id, template_id, email, message_id, status, sent_at, opened_at, clicked_at)
						select ?, ?, 'p' || g || ?, '<p' || g || ? || '>', case when g % 7 = 0 then 'FAILED' else 'SENT' end,
						       timestamptz '2012-03-09 18:00Z' + g * interval '50 minutes',
						       case when g % 2 = 0 then now() end, case when g % 5 = 0 then now() end
						from generate_series(1, 90) g
						""")
			.params(k, template, "@" + tag + ".example", tag)
			.update();

		// +05:20 puts the day's bounds off the roll-up's quarter hours: the figures then
		// come from counting the sends, and must agree just the same.
		for (ZoneId zone : List.of(ZoneOffset.UTC, ZoneId.of("Europe/Berlin"), ZoneId.of("Asia/Kathmandu"),
				ZoneOffset.ofHoursMinutes(5, 20))) {
			for (LocalDate day = LocalDate.of(2012, 3, 9); day
				.isBefore(LocalDate.of(2012, 3, 13)); day = day.plusDays(1)) {
				CampaignPerformance.Campaign figures = ofCampaign(performance.performance(day, day, zone, 1000), k);
				Map<String, Long> counted = jdbc
					.sql("""
							select count(*) as sent, count(opened_at) as opened, count(clicked_at) as clicked from email_sends
							where campaign_id = ? and status = 'SENT' and sent_at >= ? and sent_at < ?
							""")
					.params(k, java.sql.Timestamp.from(day.atStartOfDay(zone).toInstant()),
							java.sql.Timestamp.from(day.plusDays(1).atStartOfDay(zone).toInstant()))
					.query((rs, n) -> Map.of("sent", rs.getLong(1), "opened", rs.getLong(2), "clicked", rs.getLong(3)))
					.single();
				String what = day + " in " + zone;
				if (counted.get("sent") == 0) {
					assertThat(figures).as(what).isNull();
				}
				else {
					assertThat(figures).as(what).isNotNull();
					assertThat(Map.of("sent", figures.sent(), "opened", figures.opened(), "clicked", figures.clicked()))
						.as(what)
						.isEqualTo(counted);
				}
			}
		}
	}

	private static CampaignPerformance.Campaign ofCampaign(CampaignPerformance p, long campaign) {
		return p.campaigns().stream().filter(c -> c.campaignId() == campaign).findFirst().orElse(null);
	}

}
