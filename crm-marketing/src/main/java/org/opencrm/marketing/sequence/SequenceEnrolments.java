package org.opencrm.marketing.sequence;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.marketing.segment.SegmentMembers;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who walks a sequence: enrolling one contact, a segment (one statement), a contact whose
 * tags a sequence waits for or a converted lead's contact, and taking a contact out of
 * every sequence. Enrolments are the scheduler's rows, written in SQL; customers are
 * never enrolled, and a paused sequence ({@link Sequence#requireActive}) enrols nobody by
 * hand.
 */
@Service
public class SequenceEnrolments {

	private final SequenceRepository sequences;

	private final JdbcClient jdbc;

	private final ObjectProvider<SegmentMembers> segments;

	private final Clock clock;

	SequenceEnrolments(SequenceRepository sequences, JdbcClient jdbc, ObjectProvider<SegmentMembers> segments,
			Clock clock) {
		this.sequences = sequences;
		this.jdbc = jdbc;
		this.segments = segments;
		this.clock = clock;
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
					update sequence_enrolments set status = 'STOPPED', stop_reason = ?, version = version + 1, updated_at = ?
					where contact_id = ? and status = 'ACTIVE'
					""")
			.params(reason, Timestamp.from(clock.instant()), contactId)
			.update();
	}

	private void requireActive(long sequenceId) {
		sequences.findById(sequenceId).orElseThrow(() -> new NotFoundException("Sequence", sequenceId)).requireActive();
	}

}
