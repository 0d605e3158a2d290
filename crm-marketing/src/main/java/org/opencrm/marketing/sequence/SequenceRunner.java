package org.opencrm.marketing.sequence;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencrm.core.shared.Rows;
import org.opencrm.marketing.send.SendQueue;
import org.opencrm.core.contact.ContactService;
import org.opencrm.core.task.CreateTask;
import org.opencrm.core.task.TaskService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Walks contacts through their sequences. The scheduler claims due enrolments (FOR UPDATE
 * SKIP LOCKED, so one node advances each) and runs steps until a wait or the end; an
 * e-mail step only queues the mail in the outbox, in the same transaction, so a step is
 * never done twice. A job over many rows, so plain SQL: it reads the steps, it never
 * changes a {@link Sequence}.
 */
@Service
public class SequenceRunner {

	/**
	 * Consent, something that looks like an address, not suppressed; the address rule
	 * itself is {@code EmailAddress}'s, applied by {@link SendQueue}.
	 */
	private static final String ELIGIBLE = """
			c.consent_email and position('@' in c.email) > 1
			and not exists (select 1 from email_suppressions s where s.email = any(suppression_keys(c.email)))
			""";

	private final JdbcClient jdbc;

	private final TaskService tasks;

	private final ContactService contacts;

	private final Clock clock;

	private final SendQueue sendQueue;

	SequenceRunner(JdbcClient jdbc, TaskService tasks, ContactService contacts, Clock clock, SendQueue sendQueue) {
		this.sendQueue = sendQueue;
		this.jdbc = jdbc;
		this.tasks = tasks;
		this.contacts = contacts;
		this.clock = clock;
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
			.query(Rows.of(Due.class))
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
				""").param(sequenceId).query(Rows.of(Step.class)).list().forEach(s -> m.put(s.position(), s));
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
	 * it. One mail per address and step of a sequence: contacts sharing an address (a
	 * team inbox, a couple) get it once, as a campaign's do
	 * ({@code email_sends_sequence_step_email_uk}).
	 */
	private Long queue(Due e, Step step, Instant now) {
		Optional<SendQueue.NewSend> send = jdbc.sql("""
				insert into email_sends (enrolment_id, sequence_id, step_position, template_id, contact_id, email,
				                         message_id)
				select ?, ?, ?, ?, c.id, lower(trim(c.email)),
				       '<s' || ? || '.' || ? || '.' || replace(gen_random_uuid()::text, '-', '') || '@opencrm.local>'
				from contacts c where c.id = ? and %s
				on conflict do nothing
				returning id, email, message_id
				""".formatted(ELIGIBLE))
			.params(e.id(), e.sequenceId(), step.position(), step.templateId(), e.id(), step.position(), e.contactId())
			.query(Rows.of(SendQueue.NewSend.class))
			.optional();
		send.ifPresent(s -> sendQueue.enqueue("sequence", List.of(s)));
		return send.map(SendQueue.NewSend::id).orElse(null);
	}

	private boolean engaged(Long sendId, String on) {
		if (sendId == null) {
			return false;
		}
		String column = "CLICKED".equals(on) ? "clicked_at" : "opened_at";
		return jdbc.sql("select " + column + " is not null from email_sends where id = ?")
			.param(sendId)
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

}
