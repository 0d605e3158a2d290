package org.opencrm.marketing.campaign;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.opencrm.core.shared.Actor;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Changes to campaigns: plan, schedule, cancel, and — when due — start them. A campaign
 * is an aggregate ({@link Campaign}: its rules and lifecycle, one write path through
 * {@link CampaignRepository} that checks its version); this service adds what spans
 * aggregates (the template exists, who would get the mail, the outbox) and runs the start
 * job. Reads are {@link CampaignQuery}'s.
 */
@Service
public class CampaignService {

	private static final Log log = LogFactory.getLog(CampaignService.class);

	private final JdbcClient jdbc;

	private final CampaignRepository campaigns;

	private final CampaignRecipients recipients;

	private final CampaignQuery query;

	private final Clock clock;

	private final TransactionTemplate tx;

	CampaignService(JdbcClient jdbc, CampaignRepository campaigns, CampaignRecipients recipients, CampaignQuery query,
			Clock clock, TransactionTemplate tx) {
		this.jdbc = jdbc;
		this.campaigns = campaigns;
		this.recipients = recipients;
		this.query = query;
		this.clock = clock;
		this.tx = tx;
	}

	/**
	 * @throws RuleViolationException see {@link Campaign#plan}, and
	 * {@code campaign.template.unknown}
	 */
	@Transactional
	public long create(CampaignCommand cmd) {
		Campaign campaign = new Campaign(cmd, Actor.currentIdOrNull());
		requireTemplate(cmd);
		return campaigns.saveAndFlush(campaign).getId();
	}

	/** Changes the plan of a draft or scheduled campaign; a stale version conflicts. */
	@Transactional
	public void update(long id, CampaignCommand cmd) {
		Campaign campaign = load(id);
		campaign.checkVersion(cmd.version());
		campaign.plan(cmd);
		requireTemplate(cmd);
		// Flush now so a concurrent save fails here, as a version conflict.
		campaigns.flush();
	}

	private void requireTemplate(CampaignCommand cmd) {
		if (cmd.templateId() != null && !jdbc.sql("select exists (select 1 from email_templates where id = ?)")
			.param(cmd.templateId())
			.query(Boolean.class)
			.single()) {
			throw new RuleViolationException("campaign.template.unknown", "No such template");
		}
	}

	/**
	 * Schedules sending at {@code at} (now when null). Refused while the campaign has no
	 * template, no segment, or no contact who may get it ({@link Campaign#schedule}).
	 */
	@Transactional
	public void schedule(long id, long version, Instant at) {
		Campaign campaign = load(id);
		campaign.checkVersion(version);
		campaign.schedule(at == null ? clock.instant() : at, () -> recipients.count(campaign.segmentId()));
		campaigns.flush();
	}

	/**
	 * Cancels the campaign; whatever of its mail hasn't gone out yet never will (the
	 * outbox drops it when its turn comes).
	 */
	@Transactional
	public void cancel(long id, long version) {
		Campaign campaign = load(id);
		campaign.checkVersion(version);
		campaign.cancel();
		campaigns.flush();
		jdbc.sql("""
				update email_sends set status = 'FAILED', last_error = 'Campaign cancelled', updated_at = now()
				where campaign_id = ? and status = 'PENDING'
				""").param(id).update();
	}

	private Campaign load(long id) {
		return campaigns.findById(id).orElseThrow(() -> new NotFoundException("Campaign", id));
	}

	/**
	 * Starts the campaigns whose time has come, each in its own transaction: claims it
	 * (skip locked, so one node does it), materialises its recipients and marks it
	 * SENDING. A campaign that can't start (its segment is gone, say) goes back to DRAFT
	 * instead of blocking the others. Returns the ids started.
	 */
	public List<Long> startDue() {
		List<Long> started = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			Long id;
			long[] claimed = { 0 };
			try {
				id = tx.execute(status -> startNextDue(claimed));
			}
			catch (RuntimeException ex) {
				if (claimed[0] == 0) {
					throw ex;
				}
				// Exactly the campaign that failed, not whichever is due next (another
				// node may hold that).
				backToDraft(claimed[0], ex);
				continue;
			}
			if (id == null) {
				break;
			}
			started.add(id);
		}
		return started;
	}

	private void backToDraft(long id, RuntimeException why) {
		try {
			tx.executeWithoutResult(status -> campaigns.findById(id).ifPresent(Campaign::backToDraft));
			log.warn("Campaign " + id + " could not start and is a draft again: " + why.getMessage());
		}
		catch (OptimisticLockingFailureException ex) {
			// Someone changed it meanwhile (cancelled it, say): theirs stands.
			log.warn("Campaign " + id + " could not start and changed meanwhile: " + why.getMessage());
		}
	}

	/**
	 * Claims and starts the next due campaign; {@code claimed[0]} says which, should
	 * starting fail. The claim is a row lock ({@code for update skip locked}) the
	 * aggregate is then loaded under.
	 */
	private Long startNextDue(long[] claimed) {
		Instant now = clock.instant();
		var due = jdbc.sql("""
				select id from campaigns
				where status = 'SCHEDULED' and scheduled_at <= ?
				order by scheduled_at, id limit 1
				for update skip locked
				""").param(java.sql.Timestamp.from(now)).query(Long.class).optional();
		if (due.isEmpty()) {
			return null;
		}
		claimed[0] = due.get();
		Campaign campaign = load(due.get());
		campaign.startSending(now);
		recipients.materialise(claimed[0], nz(campaign.segmentId()), nz(campaign.templateId()));
		campaigns.flush();
		return claimed[0];
	}

	private static long nz(Long id) {
		return id == null ? 0 : id;
	}

	// The send pipeline's tests read campaigns through here; the pages use CampaignQuery.

	public CampaignDetails details(long id) {
		return query.details(id);
	}

	public long eligibleRecipients(long id) {
		return query.eligibleRecipients(id);
	}

	public List<CampaignQuery.Problem> problems(long id) {
		return query.problems(id);
	}

	public CampaignReport report(long id) {
		return query.report(id);
	}

}
