package org.opencrm.marketing.tracking;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.opencrm.core.contact.ContactService;
import org.opencrm.core.shared.Rows;
import org.opencrm.core.timeline.InteractionKind;
import org.opencrm.core.timeline.RecordInteraction;
import org.opencrm.marketing.template.MergeData;
import org.opencrm.marketing.template.TemplateMarkup;
import org.opencrm.core.timeline.TimelineText;
import org.opencrm.core.timeline.TimelineService;
import org.opencrm.marketing.EngagementRecorded;
import org.opencrm.marketing.tracking.TrackingTokens.Kind;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What recipients do with a marketing e-mail: open it (the pixel), click a link,
 * unsubscribe. The first open and the first click of each e-mail land on the contact's
 * timeline and publish {@link EngagementRecorded}; later ones change nothing (reports
 * count unique opens and clicks). Forged or altered tokens are
 * {@link InvalidTokenException}.
 */
@Service
public class TrackingService {

	/** Who an unsubscribe link is for, shown on the confirmation page. */
	public record UnsubscribeRequest(String email, String campaignName, boolean alreadyDone) {
	}

	private final TrackingTokens tokens;

	private final JdbcClient jdbc;

	private final TimelineService timeline;

	private final ContactService contacts;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	TrackingService(TrackingTokens tokens, JdbcClient jdbc, TimelineService timeline, ContactService contacts,
			ApplicationEventPublisher events, Clock clock) {
		this.tokens = tokens;
		this.jdbc = jdbc;
		this.timeline = timeline;
		this.contacts = contacts;
		this.events = events;
		this.clock = clock;
	}

	private record Send(long id, Long contactId, String email, Long campaignId, String campaignName, String subject,
			String firstName, String lastName, String accountName, String ownerFullName, String ownerEmail) {

		/** The subject as sent: merge fields filled for this recipient. */
		String sentSubject() {
			return TemplateMarkup.subject(subject,
					new MergeData(firstName, lastName, email, accountName, ownerFullName, ownerEmail, null));
		}

	}

	@Transactional
	public void opened(String token) {
		var t = verify(token, Kind.OPEN);
		firstTime(t.sendId(), "opened_at", EngagementRecorded.Type.OPENED, "timeline.campaign.opened");
	}

	/**
	 * Records the click and returns where the link goes: only ever the URL inside the
	 * signed token.
	 */
	@Transactional
	public String clicked(String token) {
		var t = verify(token, Kind.CLICK);
		// A click proves the e-mail was opened, even when images were blocked.
		firstTime(t.sendId(), "opened_at", EngagementRecorded.Type.OPENED, "timeline.campaign.opened");
		firstTime(t.sendId(), "clicked_at", EngagementRecorded.Type.CLICKED, "timeline.campaign.clicked");
		return t.url();
	}

	@Transactional(readOnly = true)
	public UnsubscribeRequest unsubscribeRequest(String token) {
		var t = verify(token, Kind.UNSUBSCRIBE);
		Send s = send(t.sendId()).orElseThrow(InvalidTokenException::new);
		Boolean done = jdbc
			.sql("select exists (select 1 from email_suppressions where email = any(suppression_keys(?)))")
			.param(s.email())
			.query(Boolean.class)
			.single();
		return new UnsubscribeRequest(s.email(), s.campaignName(), done);
	}

	/**
	 * The one-click unsubscribe: suppresses the address, turns the contact's e-mail
	 * consent off.
	 */
	@Transactional
	public void unsubscribe(String token) {
		var t = verify(token, Kind.UNSUBSCRIBE);
		Send s = send(t.sendId()).orElseThrow(InvalidTokenException::new);
		jdbc.sql("insert into email_suppressions (email, reason) values (?, 'UNSUBSCRIBED') on conflict do nothing")
			.param(s.email())
			.update();
		if (s.contactId() != null) {
			contacts.withdrawEmailConsent(s.contactId(), consentText(s));
		}
		// Contacts sharing the address are the same mailbox: none of them gets marketing
		// mail any more.
		// Through core's service, so each one's version moves and its field history
		// records the change
		// (rare enough per click to afford loading each contact).
		contacts.withdrawEmailConsent(s.email(), consentText(s));
		firstTime(s.id(), "unsubscribed_at", EngagementRecorded.Type.UNSUBSCRIBED, "timeline.campaign.unsubscribed");
	}

	/** What the consent log keeps as the words behind the change. */
	private static String consentText(Send s) {
		return "Unsubscribe link in an e-mail" + (s.campaignName() == null ? "" : " of " + s.campaignName());
	}

	private TrackingTokens.Token verify(String token, Kind kind) {
		return tokens.verify(token, kind).orElseThrow(InvalidTokenException::new);
	}

	private Optional<Send> send(long id) {
		return jdbc.sql("""
				select o.id, o.contact_id, o.email, o.campaign_id, c.name as campaign_name, t.subject,
				       p.first_name, p.last_name, a.name as account_name, u.full_name as owner_full_name,
				       u.email as owner_email
				from email_sends o left join campaigns c on c.id = o.campaign_id
				join email_templates t on t.id = o.template_id
				left join contacts p on p.id = o.contact_id
				left join accounts a on a.id = p.account_id
				left join users u on u.id = p.owner_id
				where o.id = ?
				""").param(id).query(Rows.of(Send.class)).optional();
	}

	private void firstTime(long sendId, String column, EngagementRecorded.Type type, String subjectKey) {
		Instant now = clock.instant();
		// Only the first event of each kind flips the column; the update tells us whether
		// we were first.
		int changed = jdbc
			.sql("update email_sends set " + column + " = ?, updated_at = now() where id = ? and " + column
					+ " is null")
			.params(Timestamp.from(now), sendId)
			.update();
		if (changed == 0) {
			return;
		}
		Send s = send(sendId).orElseThrow(InvalidTokenException::new);
		if (s.contactId() != null) {
			String what = s.campaignName() != null ? s.campaignName() : s.sentSubject();
			timeline.record(new RecordInteraction(InteractionKind.CAMPAIGN, now, null, s.contactId(),
					TimelineText.of(subjectKey, what), null, "marketing",
					s.campaignId() != null ? "campaign:" + s.campaignId() : "send:" + s.id()));
		}
		events.publishEvent(new EngagementRecorded(s.contactId(), s.email(), type, s.campaignId(), now));
	}

}
