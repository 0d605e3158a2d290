package org.opencrm.marketing.send;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencrm.core.config.CrmSettings;
import org.opencrm.core.mail.MailContentSource;
import org.opencrm.core.shared.Rows;
import org.opencrm.marketing.MarketingSettings;
import org.opencrm.marketing.template.MergeData;
import org.opencrm.marketing.template.RenderedEmail;
import org.opencrm.marketing.template.TemplateMarkup;
import org.opencrm.marketing.tracking.TrackingTokens;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Renders campaign and sequence mails when core's outbox sends them: the template with
 * the contact's merge fields as they are now, links rewritten through the click tracker,
 * the open pixel, the unsubscribe link and the List-Unsubscribe headers. A send whose
 * campaign was cancelled, or whose address was suppressed since it was queued, is
 * dropped.
 */
@Component
class MarketingMailContent implements MailContentSource {

	private final JdbcClient jdbc;

	private final TrackingTokens tokens;

	private final String baseUrl;

	private final String from;

	/** Where replies go (the inbound mailbox by default), or null. */
	private final String replyTo;

	MarketingMailContent(JdbcClient jdbc, TrackingTokens tokens, CrmSettings crm, MarketingSettings settings) {
		this.jdbc = jdbc;
		this.tokens = tokens;
		this.baseUrl = crm.baseUrl();
		this.from = settings.from();
		this.replyTo = settings.replyToOrNull();
	}

	@Override
	public String name() {
		return SendQueue.CONTENT_SOURCE;
	}

	record Row(long id, long templateId, String email, String status, String campaignStatus, boolean suppressed,
			String firstName, String lastName, String accountName, String ownerFullName, String ownerEmail) {
	}

	record Template(long id, String subject, String htmlBody, String textBody) {
	}

	@Override
	public Map<Long, Content> render(List<Long> sendIds) {
		List<Row> rows = jdbc
			.sql("""
					select s.id, s.template_id, s.email, s.status, k.status as campaign_status,
					       exists (select 1 from email_suppressions x where x.email = any(suppression_keys(s.email))) as suppressed,
					       c.first_name, c.last_name, a.name as account_name, u.full_name as owner_full_name,
					       u.email as owner_email
					from email_sends s
					left join campaigns k on k.id = s.campaign_id
					left join contacts c on c.id = s.contact_id
					left join accounts a on a.id = c.account_id
					left join users u on u.id = c.owner_id
					where s.id in (:ids)
					""")
			.param("ids", sendIds)
			.query(Rows.of(Row.class))
			.list();
		Map<Long, Template> templates = new HashMap<>();
		if (!rows.isEmpty()) {
			jdbc.sql("select id, subject, html_body, text_body from email_templates where id in (:ids)")
				.param("ids", rows.stream().map(Row::templateId).distinct().toList())
				.query(Rows.of(Template.class))
				.list()
				.forEach(t -> templates.put(t.id(), t));
		}
		Map<Long, Content> content = new HashMap<>();
		for (Row row : rows) {
			content.put(row.id(), contentOf(row, templates.get(row.templateId())));
		}
		return content;
	}

	private Content contentOf(Row row, Template t) {
		if ("CANCELLED".equals(row.campaignStatus()) || "FAILED".equals(row.status())) {
			return Content.dropped("Campaign cancelled");
		}
		if (row.suppressed()) {
			return Content.dropped("Suppressed (unsubscribed or bounced) after it was queued");
		}
		String unsubscribeUrl = baseUrl + "/u/" + tokens.unsubscribe(row.id());
		MergeData data = new MergeData(row.firstName(), row.lastName(), row.email(), row.accountName(),
				row.ownerFullName(), row.ownerEmail(), unsubscribeUrl);
		RenderedEmail r = TemplateMarkup.render(t.subject(), t.htmlBody(), t.textBody(), data,
				url -> baseUrl + "/t/c/" + tokens.click(row.id(), url));
		String pixel = "<img src=\"" + baseUrl + "/t/o/" + tokens.open(row.id())
				+ "\" width=\"1\" height=\"1\" alt=\"\">";
		int body = r.html().toLowerCase().lastIndexOf("</body>");
		String html = body >= 0 ? r.html().substring(0, body) + pixel + r.html().substring(body) : r.html() + pixel;
		Map<String, String> headers = new LinkedHashMap<>();
		// RFC 2369 / RFC 8058: mail clients offer a one-click unsubscribe that POSTs to
		// the URL.
		headers.put("List-Unsubscribe", "<" + unsubscribeUrl + ">");
		headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
		return Content.of(from, replyTo, r.subject(), html, r.text(), headers);
	}

}
