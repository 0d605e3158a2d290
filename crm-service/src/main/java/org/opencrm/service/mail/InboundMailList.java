package org.opencrm.service.mail;

import static org.opencrm.core.shared.Rows.instantOrNull;
import static org.opencrm.core.shared.Rows.longOrNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.opencrm.core.shared.CappedCount;
import org.opencrm.core.shared.Keyset;
import org.opencrm.core.shared.KeysetPage;
import org.opencrm.core.timeline.TimelineText;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The admins' view of the support mailbox: stored messages and what became of them. */
@Service
public class InboundMailList {

	private final JdbcClient jdbc;

	private final MessageSource messages;

	InboundMailList(JdbcClient jdbc, MessageSource messages) {
		this.jdbc = jdbc;
		this.messages = messages;
	}

	/** A row, its outcome in the reader's language (rows from before keep their text). */
	private InboundEmailRow row(ResultSet rs) throws SQLException {
		TimelineText outcome = TimelineText.stored(rs.getString("reason_key"), rs.getString("reason_args"),
				rs.getString("reason"));
		String reason = outcome == null ? null : outcome.render(messages, LocaleContextHolder.getLocale());
		return new InboundEmailRow(rs.getLong("id"), rs.getString("message_id"), rs.getString("from_address"),
				rs.getString("subject"), rs.getLong("size_bytes"), InboundStatus.valueOf(rs.getString("status")),
				reason, longOrNull(rs, "ticket_id"), rs.getString("ticket_number"), rs.getInt("attempts"),
				instantOrNull(rs, "received_at"), instantOrNull(rs, "processed_at"));
	}

	/** Stored messages, newest first, optionally only one status; keyset pages by id. */
	@Transactional(readOnly = true)
	public KeysetPage<InboundEmailRow> list(InboundStatus status, String cursor, int pageSize) {
		Keyset.Cursor c = Keyset.decode(cursor);
		List<Object> params = new ArrayList<>();
		StringBuilder where = new StringBuilder("true");
		if (status != null) {
			where.append(" and e.status = ?");
			params.add(status.name());
		}
		String filter = where.toString();
		List<Object> countParams = List.copyOf(params);
		String order = "e.id desc";
		if (c != null) {
			where.append(c.forward() ? " and e.id < ?" : " and e.id > ?");
			params.add(c.id());
			if (!c.forward()) {
				order = "e.id asc";
			}
		}
		params.add(pageSize + 1);
		List<InboundEmailRow> rows = jdbc.sql("""
				select e.id, e.message_id, e.from_address, e.subject, e.size_bytes, e.status, e.reason, e.reason_key,
				       e.reason_args, e.ticket_id,
				       t.number as ticket_number, e.attempts, e.received_at, e.processed_at
				from inbound_emails e left join tickets t on t.id = e.ticket_id
				where %s order by %s limit ?
				""".formatted(where, order)).params(params).query((rs, n) -> row(rs)).list();
		long counted = jdbc
			.sql("select count(*) from (select 1 from inbound_emails e where " + filter + " limit "
					+ (CappedCount.CAP + 1) + ") x")
			.params(countParams)
			.query(Long.class)
			.single();
		return Keyset.page(rows, pageSize, c, r -> "", InboundEmailRow::id, CappedCount.of(counted));
	}

}
