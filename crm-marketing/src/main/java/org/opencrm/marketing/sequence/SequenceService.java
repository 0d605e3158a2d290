package org.opencrm.marketing.sequence;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.opencrm.core.contact.ContactService;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.StaleEditException;
import org.opencrm.core.task.CreateTask;
import org.opencrm.core.task.TaskService;
import org.opencrm.marketing.segment.SegmentMembers;
import org.opencrm.marketing.sequence.SequenceViews.EnrolmentRow;
import org.opencrm.marketing.sequence.SequenceViews.SequenceDetails;
import org.opencrm.marketing.sequence.SequenceViews.SequenceRow;
import org.opencrm.marketing.sequence.SequenceViews.StepView;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Nurture sequences: numbered steps that contacts walk one by one. The scheduler claims
 * due enrolments (FOR UPDATE SKIP LOCKED, so one node advances each) and runs steps until
 * a wait or the end; an e-mail step only queues the mail in the outbox, in the same
 * transaction, so a step is never done twice. A contact who becomes a customer, or
 * replies to one of our mails (see {@code ReplyDetection}), leaves every sequence.
 */
@Service
public class SequenceService {

	private static final String ELIGIBLE = """
			c.consent_email and c.email ~* '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$'
			and not exists (select 1 from email_suppressions s where s.email = lower(trim(c.email)))
			""";

	private final JdbcClient jdbc;

	private final TaskService tasks;

	private final ObjectProvider<SegmentMembers> segments;

	private final ContactService contacts;

	private final Clock clock;

	SequenceService(JdbcClient jdbc, TaskService tasks, ObjectProvider<SegmentMembers> segments,
			ContactService contacts, Clock clock) {
		this.jdbc = jdbc;
		this.tasks = tasks;
		this.segments = segments;
		this.contacts = contacts;
		this.clock = clock;
	}

	@Transactional
	public long create(SequenceCommand cmd) {
		validate(cmd.steps());
		requireTemplates(cmd.steps());
		long id = jdbc.sql("""
				insert into sequences (name, enrol_tag, enrol_on_lead_converted) values (?, ?, ?) returning id
				""")
			.params(cmd.name(), blankToNull(cmd.enrolTag()), cmd.enrolOnLeadConverted())
			.query(Long.class)
			.single();
		writeSteps(id, cmd.steps());
		return id;
	}

	/**
	 * Saves an edited sequence: name, triggers and steps. While contacts are active in
	 * it, the steps up to the furthest one a contact has reached keep their place and
	 * kind (their details may change); later steps may change freely and new ones be
	 * appended. Anything else is refused before a row is written. Without active contacts
	 * any change is allowed.
	 */
	@Transactional
	public void update(long id, long version, SequenceCommand cmd) {
		checkVersion(id, version, lockHead(id));
		validate(cmd.steps());
		requireTemplates(cmd.steps());
		// Locking the active enrolments holds the scheduler off them while the steps
		// change.
		int reached = jdbc.sql("""
				select coalesce(max(position), 0) from (select position from sequence_enrolments
				                           where sequence_id = ? and status = 'ACTIVE' for update) e
				""").param(id).query(Integer.class).single();
		if (reached > 0) {
			List<String> before = jdbc.sql("select kind from sequence_steps where sequence_id = ? order by position")
				.param(id)
				.query(String.class)
				.list();
			int kept = Math.min(reached, before.size());
			for (int i = 0; i < kept; i++) {
				if (i >= cmd.steps().size() || !cmd.steps().get(i).kind().name().equals(before.get(i))) {
					throw new RuleViolationException("sequence.steps.reached",
							"Contacts have reached step {0}: steps 1 to {0} may be changed in place but not removed, moved or replaced",
							kept);
				}
			}
		}
		jdbc.sql("""
				update sequences set name = ?, enrol_tag = ?, enrol_on_lead_converted = ?, version = version + 1,
				       updated_at = now() where id = ?
				""").params(cmd.name(), blankToNull(cmd.enrolTag()), cmd.enrolOnLeadConverted(), id).update();
		writeSteps(id, cmd.steps());
		jdbc.sql("delete from sequence_steps where sequence_id = ? and position > ?")
			.params(id, cmd.steps().size())
			.update();
	}

	/**
	 * Pauses or resumes a sequence. A paused one neither enrols nor advances anyone; on
	 * resume each contact goes on from the step it was at (overdue steps run on the next
	 * tick).
	 */
	@Transactional
	public void setActive(long id, long version, boolean active) {
		checkVersion(id, version, lockHead(id));
		jdbc.sql("update sequences set active = ?, version = version + 1, updated_at = now() where id = ?")
			.params(active, id)
			.update();
	}

	private long lockHead(long id) {
		return jdbc.sql("select version from sequences where id = ? for update")
			.param(id)
			.query(Long.class)
			.optional()
			.orElseThrow(() -> new NotFoundException("Sequence", id));
	}

	private static void checkVersion(long id, long submitted, long current) {
		if (submitted != current) {
			throw new StaleEditException("Sequence", id, submitted, current);
		}
	}

	/** Inserts the steps, or overwrites those already at their positions. */
	private void writeSteps(long id, List<Step> steps) {
		for (Step s : steps) {
			jdbc.sql(
					"""
							insert into sequence_steps (sequence_id, position, kind, template_id, wait_days, branch_on, then_step,
							                            else_step, tag, task_title)
							values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
							on conflict (sequence_id, position) do update set kind = excluded.kind,
							  template_id = excluded.template_id, wait_days = excluded.wait_days, branch_on = excluded.branch_on,
							  then_step = excluded.then_step, else_step = excluded.else_step, tag = excluded.tag,
							  task_title = excluded.task_title
							""")
				.params(id, s.position(), s.kind().name(), s.templateId(), s.waitDays(), s.branchOn(), s.thenStep(),
						s.elseStep(), s.tag() == null ? null : s.tag().trim().toLowerCase(), s.taskTitle())
				.update();
		}
	}

	/**
	 * A send step's template must exist; checked here so the form can say which step is
	 * wrong.
	 */
	private void requireTemplates(List<Step> steps) {
		for (Step s : steps) {
			if (s.kind() == StepKind.SEND && !jdbc.sql("select exists (select 1 from email_templates where id = ?)")
				.param(s.templateId())
				.query(Boolean.class)
				.single()) {
				throw new RuleViolationException("sequence.step.incomplete", "Step {0} is incomplete", s.position());
			}
		}
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.trim().toLowerCase();
	}

	private void validate(List<Step> steps) {
		if (steps == null || steps.isEmpty()) {
			throw new RuleViolationException("sequence.steps.required", "A sequence needs at least one step");
		}
		for (int i = 0; i < steps.size(); i++) {
			Step s = steps.get(i);
			int n = i + 1;
			if (s.position() != n) {
				throw new RuleViolationException("sequence.steps.order", "Steps must be numbered 1, 2, 3 …");
			}
			boolean ok = switch (s.kind()) {
				case SEND -> s.templateId() != null;
				case WAIT -> s.waitDays() != null && s.waitDays() >= 0;
				case BRANCH -> ("OPENED".equals(s.branchOn()) || "CLICKED".equals(s.branchOn()))
						&& inRange(s.thenStep(), steps.size()) && inRange(s.elseStep(), steps.size());
				case TAG -> s.tag() != null && !s.tag().isBlank();
				case TASK -> s.taskTitle() != null && !s.taskTitle().isBlank();
			};
			if (!ok) {
				throw new RuleViolationException("sequence.step.incomplete", "Step {0} is incomplete", n);
			}
		}
	}

	/** A branch may also point one past the last step, which ends the sequence. */
	private static boolean inRange(Integer step, int size) {
		return step != null && step >= 1 && step <= size + 1;
	}

	@Transactional(readOnly = true)
	public List<SequenceRow> list() {
		return jdbc.sql("""
				select s.id, s.name, s.active, s.enrol_tag, s.enrol_on_lead_converted,
				       (select count(*) from sequence_steps st where st.sequence_id = s.id) as steps,
				       (select count(*) from sequence_enrolments e where e.sequence_id = s.id and e.status = 'ACTIVE')
				         as active_enrolments
				from sequences s order by s.created_at desc, s.id desc limit 200
				""").query(SequenceRow.class).list();
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
			.query(StepView.class)
			.list();
		return new SequenceDetails(head.id(), head.name(), head.active(), head.enrolTag(), head.enrolOnLeadConverted(),
				head.version(), steps);
	}

	private static final String ENROLMENTS = """
			select e.id, e.sequence_id, s.name as sequence_name, e.contact_id,
			       c.first_name || ' ' || c.last_name as contact_name, e.position,
			       (select st.kind from sequence_steps st where st.sequence_id = e.sequence_id and st.position = e.position)
			         as step_kind,
			       e.status, e.next_run_at, e.stop_reason
			from sequence_enrolments e join sequences s on s.id = e.sequence_id join contacts c on c.id = e.contact_id
			""";

	/** A sequence's enrolments, by id after {@code afterId} (keyset), one page. */
	@Transactional(readOnly = true)
	public List<EnrolmentRow> enrolments(long sequenceId, long afterId, int limit) {
		return jdbc.sql(ENROLMENTS + " where e.sequence_id = ? and e.id > ? order by e.id limit ?")
			.params(sequenceId, afterId, limit)
			.query(EnrolmentRow.class)
			.list();
	}

	@Transactional(readOnly = true)
	public List<EnrolmentRow> forContact(long contactId) {
		return jdbc.sql(ENROLMENTS + " where e.contact_id = ? order by e.id desc limit 20")
			.param(contactId)
			.query(EnrolmentRow.class)
			.list();
	}

	/** Enrols one contact at step 1, due now; enrolling twice changes nothing. */
	@Transactional
	public boolean enrol(long sequenceId, long contactId) {
		requireActive(sequenceId);
		return jdbc.sql("""
				insert into sequence_enrolments (sequence_id, contact_id, next_run_at)
				select ?, id, ? from contacts where id = ? and lifecycle_stage <> 'CUSTOMER'
				on conflict (sequence_id, contact_id) do nothing
				""").params(sequenceId, Timestamp.from(clock.instant()), contactId).update() == 1;
	}

	/**
	 * Enrols a segment's members (not customers) in one statement; returns how many were
	 * new.
	 */
	@Transactional
	public int enrolSegment(long sequenceId, long segmentId) {
		requireActive(sequenceId);
		SegmentMembers members = segments.getIfAvailable();
		if (members == null) {
			throw new RuleViolationException("campaign.segments.unavailable", "Segments are not available");
		}
		SegmentMembers.MemberQuery q = members.query(segmentId);
		List<Object> params = new ArrayList<>(List.of(sequenceId, Timestamp.from(clock.instant())));
		params.addAll(q.params());
		return jdbc
			.sql("""
					insert into sequence_enrolments (sequence_id, contact_id, next_run_at)
					select ?, c.id, ? from (%s) m join contacts c on c.id = m.contact_id where c.lifecycle_stage <> 'CUSTOMER'
					on conflict (sequence_id, contact_id) do nothing
					"""
				.formatted(q.sql()))
			.params(params)
			.update();
	}

	/** Enrols the contact in every active sequence that waits for one of its tags. */
	@Transactional
	public int enrolByTags(long contactId) {
		return jdbc.sql("""
				insert into sequence_enrolments (sequence_id, contact_id, next_run_at)
				select s.id, c.id, ? from sequences s join contacts c on c.tags @> array[s.enrol_tag]::text[]
				where c.id = ? and s.active and s.enrol_tag is not null and c.lifecycle_stage <> 'CUSTOMER'
				on conflict (sequence_id, contact_id) do nothing
				""").params(Timestamp.from(clock.instant()), contactId).update();
	}

	@Transactional
	public int enrolConvertedLead(long contactId) {
		return jdbc.sql("""
				insert into sequence_enrolments (sequence_id, contact_id, next_run_at)
				select s.id, c.id, ? from sequences s, contacts c
				where c.id = ? and s.active and s.enrol_on_lead_converted and c.lifecycle_stage <> 'CUSTOMER'
				on conflict (sequence_id, contact_id) do nothing
				""").params(Timestamp.from(clock.instant()), contactId).update();
	}

	/** Takes the contact out of every sequence it is walking. */
	@Transactional
	public int stop(long contactId, String reason) {
		return jdbc
			.sql("""
					update sequence_enrolments set status = 'STOPPED', stop_reason = ?, version = version + 1, updated_at = now()
					where contact_id = ? and status = 'ACTIVE'
					""")
			.params(reason, contactId)
			.update();
	}

	private void requireActive(long sequenceId) {
		Boolean active = jdbc.sql("select active from sequences where id = ?")
			.param(sequenceId)
			.query(Boolean.class)
			.optional()
			.orElseThrow(() -> new NotFoundException("Sequence", sequenceId));
		if (!active) {
			throw new RuleViolationException("sequence.inactive", "The sequence is paused");
		}
	}

	private record Due(long id, long sequenceId, long contactId, int position, Long lastSendId, Long ownerId) {
	}

	/**
	 * Advances up to {@code limit} due enrolments in one transaction; rows another node
	 * holds are skipped. Returns how many were advanced.
	 */
	@Transactional
	public int advanceDue(int limit) {
		Instant now = clock.instant();
		List<Due> due = jdbc
			.sql("""
					select e.id, e.sequence_id, e.contact_id, e.position, e.last_send_id, c.owner_id
					from sequence_enrolments e join sequences s on s.id = e.sequence_id join contacts c on c.id = e.contact_id
					where e.status = 'ACTIVE' and e.next_run_at <= ? and s.active
					order by e.next_run_at, e.id
					limit ?
					for update of e skip locked
					""")
			.params(Timestamp.from(now), limit)
			.query(Due.class)
			.list();
		Map<Long, Map<Integer, Step>> steps = new HashMap<>();
		for (Due e : due) {
			advance(e, steps.computeIfAbsent(e.sequenceId(), this::steps), now);
		}
		return due.size();
	}

	private Map<Integer, Step> steps(long sequenceId) {
		Map<Integer, Step> m = new HashMap<>();
		jdbc.sql("""
				select position, kind, template_id, wait_days, branch_on, then_step, else_step, tag, task_title
				from sequence_steps where sequence_id = ?
				""").param(sequenceId).query(Step.class).list().forEach(s -> m.put(s.position(), s));
		return m;
	}

	private void advance(Due e, Map<Integer, Step> steps, Instant now) {
		int position = e.position();
		Long lastSend = e.lastSendId();
		Instant nextRun = now;
		// Bounded so a branch that loops back without a wait can't spin forever.
		for (int guard = 0; guard < 50; guard++) {
			Step step = steps.get(position);
			if (step == null) {
				jdbc.sql("""
						update sequence_enrolments set status = 'COMPLETED', position = ?, last_send_id = ?,
						       version = version + 1, updated_at = now() where id = ?
						""").params(position, lastSend, e.id()).update();
				return;
			}
			switch (step.kind()) {
				case SEND -> {
					Long sendId = queue(e, step, now);
					if (sendId != null) {
						lastSend = sendId;
					}
					position++;
				}
				case WAIT -> {
					nextRun = now.plus(Duration.ofDays(step.waitDays()));
					position++;
					save(e.id(), position, lastSend, nextRun);
					return;
				}
				case BRANCH -> position = engaged(lastSend, step.branchOn()) ? step.thenStep() : step.elseStep();
				case TAG -> {
					// Through core: the contact's version moves and its field history
					// shows the tag.
					contacts.addTags(e.contactId(), List.of(step.tag()));
					position++;
				}
				case TASK -> {
					if (e.ownerId() != null) {
						tasks.create(new CreateTask(step.taskTitle(), null, now.plus(Duration.ofDays(1)), e.ownerId(),
								null, e.contactId(), "sequence:" + e.sequenceId()));
					}
					position++;
				}
			}
		}
		// Fifty steps without a wait: a branch loops back on itself. Try again tomorrow
		// rather than spin.
		save(e.id(), position, lastSend, now.plus(Duration.ofDays(1)));
	}

	private void save(long id, int position, Long lastSend, Instant nextRun) {
		jdbc.sql("""
				update sequence_enrolments set position = ?, last_send_id = ?, next_run_at = ?, version = version + 1,
				       updated_at = now() where id = ?
				""").params(position, lastSend, Timestamp.from(nextRun), id).update();
	}

	/**
	 * Queues the step's e-mail if the contact may get marketing mail; the outbox sends
	 * it.
	 */
	private Long queue(Due e, Step step, Instant now) {
		return jdbc.sql("""
				insert into email_outbox (enrolment_id, step_position, template_id, contact_id, email, message_id,
				                          next_attempt_at)
				select ?, ?, ?, c.id, lower(trim(c.email)),
				       '<s' || ? || '.' || ? || '.' || replace(gen_random_uuid()::text, '-', '') || '@opencrm.local>', ?
				from contacts c where c.id = ? and %s
				on conflict do nothing
				returning id
				""".formatted(ELIGIBLE))
			.params(e.id(), step.position(), step.templateId(), e.id(), step.position(), Timestamp.from(now),
					e.contactId())
			.query(Long.class)
			.optional()
			.orElse(null);
	}

	private boolean engaged(Long sendId, String on) {
		if (sendId == null) {
			return false;
		}
		String column = "CLICKED".equals(on) ? "clicked_at" : "opened_at";
		return jdbc.sql("select " + column + " is not null from email_outbox where id = ?")
			.param(sendId)
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

}
