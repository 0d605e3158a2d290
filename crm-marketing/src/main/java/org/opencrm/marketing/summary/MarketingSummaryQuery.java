package org.opencrm.marketing.summary;

import java.time.Instant;
import java.util.List;
import org.opencrm.marketing.sequence.SequenceService;
import org.opencrm.marketing.sequence.SequenceViews.EnrolmentRow;
import org.opencrm.marketing.summary.MarketingSummary.Touch;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Marketing's read-only façade for the single-customer view: a fixed number of statements per call. */
@Service
public class MarketingSummaryQuery {

	private static final String TOUCHES = """
			select o.id as send_id, o.campaign_id, coalesce(c.name, t.name) as name, o.status, o.sent_at, o.opened_at,
			       o.clicked_at, o.unsubscribed_at, p.first_name || ' ' || p.last_name as contact_name
			from email_outbox o join email_templates t on t.id = o.template_id
			left join campaigns c on c.id = o.campaign_id
			join contacts p on p.id = o.contact_id
			""";

	private final JdbcClient jdbc;

	private final SequenceService sequences;

	MarketingSummaryQuery(JdbcClient jdbc, SequenceService sequences) {
		this.jdbc = jdbc;
		this.sequences = sequences;
	}

	private record Counts(long received, long opened, long clicked, Instant lastOpen, Instant lastClick,
			Instant lastSent) {
	}

	@Transactional(readOnly = true)
	public MarketingSummary forContact(long contactId) {
		Counts c = jdbc.sql("""
				select count(*) filter (where status = 'SENT') as received, count(opened_at) as opened,
				       count(clicked_at) as clicked, max(opened_at) as last_open, max(clicked_at) as last_click,
				       max(sent_at) as last_sent
				from email_outbox where contact_id = ?
				""").param(contactId).query(Counts.class).single();
		List<Touch> recent = jdbc.sql(TOUCHES + " where o.contact_id = ? and o.status = 'SENT' order by o.sent_at desc, o.id desc limit 5")
			.param(contactId)
			.query(Touch.class)
			.list();
		return summary(c, recent, sequences.forContact(contactId));
	}

	@Transactional(readOnly = true)
	public MarketingSummary forAccount(long accountId) {
		Counts c = jdbc.sql("""
				select count(*) filter (where o.status = 'SENT') as received, count(o.opened_at) as opened,
				       count(o.clicked_at) as clicked, max(o.opened_at) as last_open, max(o.clicked_at) as last_click,
				       max(o.sent_at) as last_sent
				from email_outbox o where o.contact_id in (select id from contacts where account_id = ?)
				""").param(accountId).query(Counts.class).single();
		List<Touch> recent = jdbc.sql(TOUCHES + """
				 where o.contact_id in (select id from contacts where account_id = ?) and o.status = 'SENT'
				 order by o.sent_at desc, o.id desc limit 5
				""").param(accountId).query(Touch.class).list();
		return summary(c, recent, List.<EnrolmentRow>of());
	}

	private static MarketingSummary summary(Counts c, List<Touch> recent, List<EnrolmentRow> enrolments) {
		String kind = null;
		Instant at = null;
		if (c.lastClick() != null) {
			kind = "CLICKED";
			at = c.lastClick();
		}
		if (c.lastOpen() != null && (at == null || c.lastOpen().isAfter(at))) {
			kind = "OPENED";
			at = c.lastOpen();
		}
		if (at == null && c.lastSent() != null) {
			kind = "SENT";
			at = c.lastSent();
		}
		return new MarketingSummary(c.received(), c.opened(), c.clicked(), at, kind, recent, enrolments);
	}
}
