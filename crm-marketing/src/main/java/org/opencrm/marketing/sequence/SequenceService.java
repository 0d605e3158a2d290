package org.opencrm.marketing.sequence;

import org.opencrm.core.audit.AuditTrail;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creating, editing, pausing and resuming nurture sequences. A sequence and its steps are
 * one aggregate ({@link Sequence}: its rules, one write path through
 * {@link SequenceRepository} that checks its version); this service looks up what the
 * aggregate can't see (templates, how far contacts have got) and keeps the audit trail.
 * Enrolling is {@link SequenceEnrolments}, advancing {@link SequenceRunner}, the pages
 * read {@link SequenceQueries}.
 */
@Service
public class SequenceService {

	static final String AUDIT_TYPE = "sequence";

	private final SequenceRepository sequences;

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	SequenceService(SequenceRepository sequences, JdbcClient jdbc, AuditTrail audit) {
		this.sequences = sequences;
		this.jdbc = jdbc;
		this.audit = audit;
	}

	/**
	 * @throws RuleViolationException {@code sequence.name.invalid},
	 * {@code sequence.steps.required}, {@code sequence.steps.order},
	 * {@code sequence.step.incomplete}
	 */
	@Transactional
	public long create(SequenceCommand cmd) {
		long id = sequences.saveAndFlush(new Sequence(cmd, this::templateExists)).getId();
		audit.created(AUDIT_TYPE, id);
		return id;
	}

	/**
	 * Saves an edited sequence: name, triggers and steps (see {@link Sequence#revise} for
	 * what may change while contacts are active in it).
	 */
	@Transactional
	public void update(long id, long version, SequenceCommand cmd) {
		Sequence sequence = load(id);
		sequence.checkVersion(version);
		var before = sequence.snapshot();
		sequence.revise(cmd, reachedStep(id), this::templateExists);
		audit.changed(AUDIT_TYPE, id, before, sequence.snapshot());
		// Now, so a concurrent save fails here as a version conflict.
		sequences.flush();
	}

	/**
	 * Pauses or resumes a sequence. A paused one neither enrols nor advances anyone; on
	 * resume each contact goes on from the step it was at (overdue steps run on the next
	 * tick).
	 */
	@Transactional
	public void setActive(long id, long version, boolean active) {
		Sequence sequence = load(id);
		sequence.checkVersion(version);
		var before = sequence.snapshot();
		if (active) {
			sequence.resume();
		}
		else {
			sequence.pause();
		}
		audit.changed(AUDIT_TYPE, id, before, sequence.snapshot());
		sequences.flush();
	}

	private Sequence load(long id) {
		return sequences.findById(id).orElseThrow(() -> new NotFoundException("Sequence", id));
	}

	/**
	 * The furthest step an active contact has reached (0: none). Locking their enrolments
	 * holds the scheduler off them while the steps change.
	 */
	private int reachedStep(long id) {
		return jdbc.sql("""
				select coalesce(max(position), 0) from (select position from sequence_enrolments
				                           where sequence_id = ? and status = 'ACTIVE' for update) e
				""").param(id).query(Integer.class).single();
	}

	private boolean templateExists(long templateId) {
		return jdbc.sql("select exists (select 1 from email_templates where id = ?)")
			.param(templateId)
			.query(Boolean.class)
			.single();
	}

}
