package org.opencrm.marketing.campaign;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import org.opencrm.core.event.DealWon;
import org.opencrm.core.event.LeadConverted;
import org.opencrm.core.event.LeadCreated;
import org.opencrm.core.event.LeadRemoved;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts what campaigns brought in: leads (from sales' LeadCreated), opportunities
 * (LeadConverted with an opportunity) and won revenue. A won deal is attributed
 * first-touch and last-touch to the first and the last campaign whose e-mail reached the
 * deal's contact, or any contact of its account, before the day after the deal was closed
 * (UTC). Re-delivered events change nothing.
 */
@Component
public class CampaignAttribution {

	private final JdbcClient jdbc;

	CampaignAttribution(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@ApplicationModuleListener
	void on(DealWon event) {
		attribute(event);
	}

	@ApplicationModuleListener
	void on(LeadCreated event) {
		leadCreated(event.leadId(), event.campaignId());
	}

	/** A lead deleted (its import reverted) was never brought in. */
	@ApplicationModuleListener
	void on(LeadRemoved event) {
		jdbc.sql("delete from campaign_leads where lead_id = ? and opportunity_id is null")
			.param(event.leadId())
			.update();
	}

	@ApplicationModuleListener
	void on(LeadConverted event) {
		leadConverted(event.leadId(), event.campaignId(), event.opportunityId());
	}

	@Transactional
	public void attribute(DealWon deal) {
		Timestamp cutoff = Timestamp.from(deal.closedOn().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
		jdbc.sql("""
				with people as (
				  select id from contacts where account_id = :account
				  union select cast(:contact as bigint) where cast(:contact as bigint) is not null
				), touches as (
				  select o.campaign_id, o.sent_at from email_sends o
				  where o.contact_id in (select id from people) and o.campaign_id is not null
				    and o.status = 'SENT' and o.sent_at < :cutoff
				)
				insert into campaign_attributions (opportunity_id, account_id, amount, currency, won_on,
				                                   first_campaign_id, last_campaign_id)
				values (:opportunity, :account, :amount, :currency, :wonOn,
				        (select campaign_id from touches order by sent_at, campaign_id limit 1),
				        (select campaign_id from touches order by sent_at desc, campaign_id desc limit 1))
				on conflict (opportunity_id) do update set amount = excluded.amount, currency = excluded.currency,
				  won_on = excluded.won_on, first_campaign_id = excluded.first_campaign_id,
				  last_campaign_id = excluded.last_campaign_id
				""")
			.param("account", deal.accountId())
			.param("contact", deal.contactId(), java.sql.Types.BIGINT)
			.param("cutoff", cutoff)
			.param("opportunity", deal.opportunityId())
			.param("amount", deal.amount() == null ? java.math.BigDecimal.ZERO : deal.amount())
			.param("currency", deal.currency() == null ? "EUR" : deal.currency())
			.param("wonOn", Date.valueOf(deal.closedOn()))
			.update();
	}

	@Transactional
	public void leadCreated(long leadId, Long campaignId) {
		if (campaignId == null) {
			return;
		}
		jdbc.sql("""
				insert into campaign_leads (lead_id, campaign_id)
				select ?, id from campaigns where id = ?
				on conflict (lead_id) do nothing
				""").params(leadId, campaignId).update();
	}

	@Transactional
	public void leadConverted(long leadId, Long campaignId, Long opportunityId) {
		if (campaignId == null) {
			return;
		}
		leadCreated(leadId, campaignId);
		if (opportunityId != null) {
			jdbc.sql("update campaign_leads set opportunity_id = ? where lead_id = ?")
				.params(opportunityId, leadId)
				.update();
		}
	}

}
