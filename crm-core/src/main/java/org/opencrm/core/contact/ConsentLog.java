package org.opencrm.core.contact;

import java.time.Instant;
import java.util.List;
import org.opencrm.core.shared.Actor;
import org.opencrm.core.shared.Rows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The consent log: one row per channel whose consent changed, written in the changing
 * transaction by {@link ContactService} from what the Contact aggregate reports.
 */
@Component
class ConsentLog {

	private final JdbcClient jdbc;

	ConsentLog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void record(long contactId, List<ConsentChange> changes, ConsentNote note, Instant at) {
		for (ConsentChange change : changes) {
			jdbc.sql(
					"""
							insert into contact_consents (contact_id, channel, granted, source, text_shown, changed_by, occurred_at)
							values (?, ?, ?, ?, ?, ?, ?)
							""")
				.params(contactId, change.channel().name(), change.granted(), note.source().name(), note.textShown(),
						Actor.currentIdOrNull(), java.sql.Timestamp.from(at))
				.update();
		}
	}

	List<ConsentEntry> history(long contactId, int limit) {
		return jdbc.sql("""
				select l.id, l.channel, l.granted, l.source, l.text_shown, u.full_name as changed_by_name, l.occurred_at
				from contact_consents l left join users u on u.id = l.changed_by
				where l.contact_id = ?
				order by l.occurred_at desc, l.id desc
				limit ?
				""").params(contactId, limit).query(Rows.of(ConsentEntry.class)).list();
	}

	void forget(long contactId) {
		jdbc.sql("delete from contact_consents where contact_id = ?").param(contactId).update();
	}

}
