package org.opencrm.core.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.opencrm.core.mail.MailContentSource.Content;
import org.opencrm.core.mail.OutboxRows.Row;
import org.opencrm.core.shared.MailKind;

/**
 * The MIME message of an outbox row, for {@link MailWorker}: the row's own parts, or what
 * its module's {@link MailContentSource} renders for a batch when it is sent (marketing's
 * merge fields and tracking links). Which rows to send, and what became of each, stays
 * with the worker.
 */
class OutboxMessages {

	private final MailGateway gateway;

	private final Map<String, MailContentSource> sources;

	OutboxMessages(MailGateway gateway, List<MailContentSource> sources) {
		this.gateway = gateway;
		this.sources = sources.stream().collect(Collectors.toMap(MailContentSource::name, Function.identity()));
	}

	/** The content of rows queued to be rendered when sent, by row id. */
	Map<Long, Content> render(List<Row> batch) {
		Map<String, List<Row>> bySource = batch.stream()
			.filter(r -> r.contentSource() != null)
			.collect(Collectors.groupingBy(Row::contentSource));
		if (bySource.isEmpty()) {
			return Map.of();
		}
		Map<Long, Content> content = new HashMap<>();
		bySource.forEach((name, sourceRows) -> {
			MailContentSource source = sources.get(name);
			if (source == null) {
				return; // each row fails as "nothing to send"
			}
			Map<Long, Content> byRecord = source.render(sourceRows.stream().map(Row::recordId).toList());
			for (Row r : sourceRows) {
				Content c = byRecord.get(r.recordId());
				if (c != null) {
					content.put(r.id(), c);
				}
			}
		});
		return content;
	}

	MimeMessage build(Row row, Map<Long, Content> rendered) throws MessagingException {
		MailBuilder.Parts parts;
		if (row.contentSource() == null) {
			parts = new MailBuilder.Parts(row.fromAddress(), row.replyTo(), row.toAddress(), row.subject(),
					row.textBody(), row.htmlBody(), MailBuilder.headers(row.headers()));
		}
		else {
			Content c = rendered.get(row.id());
			if (c == null || c.dropped() != null) {
				throw new Dropped(c == null ? "Nothing to send (" + row.contentSource() + ")" : c.dropped());
			}
			parts = new MailBuilder.Parts(c.from(), c.replyTo(), row.toAddress(), c.subject(), c.text(), c.html(),
					c.headers());
		}
		return MailBuilder.build(gateway.session(), row.messageId(), MailKind.valueOf(row.kind()), parts);
	}

	/** A mail its content source says not to send after all. */
	static final class Dropped extends RuntimeException {

		Dropped(String reason) {
			super(reason, null, false, false);
		}

	}

}
