package org.opencrm.marketing.sequence;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.opencrm.core.event.InboundEmailReceived;
import org.opencrm.core.shared.Rows;
import org.opencrm.marketing.EngagementRecorded;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Notices replies to our campaign and sequence mails: an inbound e-mail whose In-Reply-To
 * or References names a Message-ID we sent. The person who replied leaves every sequence
 * (a human conversation has started) and the reply counts as engagement.
 */
@Component
class ReplyDetection {

	private final JdbcClient jdbc;

	private final SequenceEnrolments sequences;

	private final ApplicationEventPublisher events;

	ReplyDetection(JdbcClient jdbc, SequenceEnrolments sequences, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.sequences = sequences;
		this.events = events;
	}

	record Sent(Long contactId, String email, Long campaignId) {
	}

	@ApplicationModuleListener
	void on(InboundEmailReceived mail) {
		List<String> ids = candidates(mail);
		if (ids.isEmpty()) {
			return;
		}
		jdbc.sql("""
				select contact_id, email, campaign_id from email_sends
				where message_id = any(?) and contact_id is not null
				order by id desc limit 1
				""").param(ids.toArray(String[]::new)).query(Rows.of(Sent.class)).optional().ifPresent(sent -> {
			sequences.stop(sent.contactId(), "REPLIED");
			events.publishEvent(new EngagementRecorded(sent.contactId(), sent.email(), EngagementRecorded.Type.REPLIED,
					sent.campaignId(), mail.receivedAt()));
		});
	}

	/**
	 * The referenced ids as we store them ({@code <…>}), whichever way the mail wrote
	 * them.
	 */
	static List<String> candidates(InboundEmailReceived mail) {
		Set<String> ids = new LinkedHashSet<>();
		List<String> raw = new ArrayList<>(mail.references());
		if (mail.inReplyTo() != null) {
			raw.add(mail.inReplyTo());
		}
		for (String r : raw) {
			for (String part : r.trim().split("\\s+")) {
				String bare = part.replaceAll("^<|>$", "");
				if (!bare.isBlank() && bare.length() <= 250) {
					ids.add("<" + bare + ">");
				}
			}
		}
		return List.copyOf(ids);
	}

}
