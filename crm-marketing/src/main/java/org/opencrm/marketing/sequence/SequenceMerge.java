package org.opencrm.marketing.sequence;

import java.util.Map;
import org.opencrm.core.port.RecordMerge;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A merged person's sequence enrolments become the survivor's. A person is enrolled in a
 * sequence once: where both were, the survivor's enrolment stays, takes over the other's
 * sent steps it hasn't sent itself, and the other enrolment ends (with the record of a
 * step both were sent).
 */
@Component
class SequenceMerge implements RecordMerge {

	private final JdbcClient jdbc;

	SequenceMerge(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void moveContact(long from, long to) {
		jdbc.sql("""
				update email_sends s set enrolment_id = keep.id, updated_at = now()
				from sequence_enrolments gone
				join sequence_enrolments keep on keep.sequence_id = gone.sequence_id and keep.contact_id = :to
				where gone.contact_id = :from and s.enrolment_id = gone.id
				  and not exists (select 1 from email_sends t where t.enrolment_id = keep.id
				                  and t.step_position = s.step_position)
				""").param("to", to).param("from", from).update();
		jdbc.sql("""
				update sequence_enrolments gone set last_send_id = null
				where gone.contact_id = :from
				  and exists (select 1 from sequence_enrolments keep where keep.sequence_id = gone.sequence_id
				              and keep.contact_id = :to)
				""").param("to", to).param("from", from).update();
		jdbc.sql("""
				delete from sequence_enrolments gone
				where gone.contact_id = :from
				  and exists (select 1 from sequence_enrolments keep where keep.sequence_id = gone.sequence_id
				              and keep.contact_id = :to)
				""").param("to", to).param("from", from).update();
		jdbc.sql("""
				update sequence_enrolments set contact_id = ?, version = version + 1, updated_at = now()
				where contact_id = ?
				""").params(to, from).update();
	}

	@Override
	public Map<String, Long> countContact(long contactId) {
		return Map.of("enrolments",
				RecordMerge.count(jdbc, "select count(*) from sequence_enrolments where contact_id = ?", contactId));
	}

}
