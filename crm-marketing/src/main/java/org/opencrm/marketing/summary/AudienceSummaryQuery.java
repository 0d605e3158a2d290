package org.opencrm.marketing.summary;

import static org.opencrm.core.shared.Rows.instantOrNull;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Marketing's audience side of one contact for the single-customer view: lead score, lists, form submissions. */
@Service
public class AudienceSummaryQuery {

	private final JdbcClient jdbc;

	AudienceSummaryQuery(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** {@code leadId} and {@code score} are null when marketing scored no lead of this person. */
	public record ContactSummary(Long leadId, Integer score, boolean mql, List<ListRef> lists,
			List<Submission> submissions) {
	}

	public record ListRef(long id, String name) {
	}

	public record Submission(long formId, String formName, Instant submittedAt) {
	}

	/** Three statements whatever the contact's history: the best scored lead, up to 10 lists, the last 5 submissions. */
	@Transactional(readOnly = true)
	public ContactSummary forContact(long contactId) {
		record Score(long leadId, int score, boolean mql) {
		}
		Score score = jdbc.sql("""
				select s.lead_id, s.score, s.mql from scored_leads s
				where s.contact_id = :c
				   or lower(s.email) = (select lower(email) from contacts where id = :c)
				order by s.score desc, s.lead_id desc limit 1
				""").param("c", contactId).query(Score.class).optional().orElse(null);
		List<ListRef> lists = jdbc.sql("""
				select s.id, s.name from segment_members m join segments s on s.id = m.segment_id
				where m.contact_id = ? order by s.sort_name, s.id limit 10
				""").param(contactId).query(ListRef.class).list();
		List<Submission> submissions = jdbc.sql("""
				select f.id as form_id, f.name as form_name, fs.submitted_at from form_submissions fs
				join lead_forms f on f.id = fs.form_id
				where fs.contact_id = ? order by fs.submitted_at desc, fs.id desc limit 5
				""").param(contactId).query((rs, n) -> new Submission(rs.getLong("form_id"), rs.getString("form_name"),
				instantOrNull(rs, "submitted_at"))).list();
		return new ContactSummary(score == null ? null : score.leadId(), score == null ? null : score.score(),
				score != null && score.mql(), lists, submissions);
	}
}
