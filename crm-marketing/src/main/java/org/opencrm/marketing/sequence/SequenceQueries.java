package org.opencrm.marketing.sequence;

import java.util.List;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.Rows;
import org.opencrm.marketing.sequence.SequenceViews.EnrolmentRow;
import org.opencrm.marketing.sequence.SequenceViews.SequenceDetails;
import org.opencrm.marketing.sequence.SequenceViews.SequenceRow;
import org.opencrm.marketing.sequence.SequenceViews.StepView;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What the sequence pages show: the list, one sequence with its steps, enrolments. */
@Service
public class SequenceQueries {

	private static final String ENROLMENTS = """
			select e.id, e.sequence_id, s.name as sequence_name, e.contact_id,
			       c.first_name || ' ' || c.last_name as contact_name, e.position,
			       (select st.kind from sequence_steps st where st.sequence_id = e.sequence_id and st.position = e.position)
			         as step_kind,
			       e.status, e.next_run_at, e.stop_reason,
			       case when c.email is null or position('@' in c.email) <= 1 then 'NO_ADDRESS'
			            when not c.consent_email then 'NO_CONSENT'
			            when exists (select 1 from email_suppressions x where x.email = lower(trim(c.email)))
			              then 'SUPPRESSED' end as mail_blocked
			from sequence_enrolments e join sequences s on s.id = e.sequence_id join contacts c on c.id = e.contact_id
			""";

	private final JdbcClient jdbc;

	SequenceQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional(readOnly = true)
	public List<SequenceRow> list() {
		return jdbc.sql("""
				select s.id, s.name, s.active, s.enrol_tag, s.enrol_on_lead_converted,
				       (select count(*) from sequence_steps st where st.sequence_id = s.id) as steps,
				       (select count(*) from sequence_enrolments e where e.sequence_id = s.id and e.status = 'ACTIVE')
				         as active_enrolments
				from sequences s order by s.created_at desc, s.id desc limit 200
				""").query(Rows.of(SequenceRow.class)).list();
	}

	@Transactional(readOnly = true)
	public SequenceDetails details(long id) {
		var head = jdbc
			.sql("select id, name, active, enrol_tag, enrol_on_lead_converted, version from sequences where id = ?")
			.param(id)
			.query((rs, n) -> new SequenceDetails(rs.getLong(1), rs.getString(2), rs.getBoolean(3), rs.getString(4),
					rs.getBoolean(5), rs.getLong(6), null))
			.optional()
			.orElseThrow(() -> new NotFoundException("Sequence", id));
		List<StepView> steps = jdbc
			.sql("""
					select s.position, s.kind, s.template_id, t.name as template_name, s.wait_days, s.branch_on, s.then_step,
					       s.else_step, s.tag, s.task_title
					from sequence_steps s left join email_templates t on t.id = s.template_id
					where s.sequence_id = ? order by s.position
					""")
			.param(id)
			.query(Rows.of(StepView.class))
			.list();
		return new SequenceDetails(head.id(), head.name(), head.active(), head.enrolTag(), head.enrolOnLeadConverted(),
				head.version(), steps);
	}

	/** A sequence's enrolments, by id after {@code afterId} (keyset), one page. */
	@Transactional(readOnly = true)
	public List<EnrolmentRow> enrolments(long sequenceId, long afterId, int limit) {
		return jdbc.sql(ENROLMENTS + " where e.sequence_id = ? and e.id > ? order by e.id limit ?")
			.params(sequenceId, afterId, limit)
			.query(Rows.of(EnrolmentRow.class))
			.list();
	}

	@Transactional(readOnly = true)
	public List<EnrolmentRow> forContact(long contactId) {
		return jdbc.sql(ENROLMENTS + " where e.contact_id = ? order by e.id desc limit 20")
			.param(contactId)
			.query(Rows.of(EnrolmentRow.class))
			.list();
	}

}
