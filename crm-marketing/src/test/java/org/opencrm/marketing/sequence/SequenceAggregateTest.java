package org.opencrm.marketing.sequence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencrm.marketing.Fixtures.template;
import static org.opencrm.marketing.Fixtures.unique;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.StaleEditException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The rules a sequence and its steps keep, on every write path, on real PostgreSQL. */
@SpringBootTest
class SequenceAggregateTest {

	@Autowired
	SequenceService sequences;

	@Autowired
	SequenceEnrolments enrolments;

	@Autowired
	SequenceQueries queries;

	@Autowired
	JdbcClient jdbc;

	long contact(String u) {
		return jdbc.sql("""
				insert into contacts (first_name, last_name, email, lifecycle_stage, consent_email)
				values ('Sam', 'Seq', ?, 'LEAD', true) returning id
				""").param("sam." + u + "@example.com").query(Long.class).single();
	}

	long stored(String u) {
		return jdbc.sql("select count(*) from sequences where name like ?")
			.param("%" + u + "%")
			.query(Long.class)
			.single();
	}

	void refused(SequenceCommand cmd, String code) {
		assertThatThrownBy(() -> sequences.create(cmd)).isInstanceOf(RuleViolationException.class)
			.hasFieldOrPropertyWithValue("code", code);
	}

	@Test
	void aSequenceWithoutANameStepsInOrderOrCompleteStepsIsRefusedAndNothingIsStored() {
		String u = unique();
		long t = template(jdbc, "Seq rules " + u);

		refused(new SequenceCommand("  ", null, false, List.of(Step.send(1, t))), "sequence.name.invalid");
		refused(new SequenceCommand("S " + u, null, false, List.of()), "sequence.steps.required");
		refused(new SequenceCommand("S " + u, null, false, List.of(Step.send(1, t), Step.waitDays(3, 1))),
				"sequence.steps.order");
		refused(new SequenceCommand("S " + u, null, false, List.of(Step.send(1, 999_999_999L))),
				"sequence.step.incomplete");
		refused(new SequenceCommand("S " + u, null, false, List.of(Step.send(1, t), Step.branch(2, "OPENED", 1, 9))),
				"sequence.step.incomplete");
		refused(new SequenceCommand("S " + u, null, false, List.of(Step.waitDays(1, -1))), "sequence.step.incomplete");
		refused(new SequenceCommand("S " + u, null, false, List.of(Step.tag(1, "t".repeat(51)))),
				"sequence.step.incomplete");
		refused(new SequenceCommand("S " + u, "x".repeat(51), false, List.of(Step.send(1, t))),
				"sequence.enrolTag.invalid");

		assertThat(stored(u)).isZero();
	}

	@Test
	void whileContactsAreActiveTheStepsTheyReachedKeepTheirKindButNewStepsMayBeAppended() {
		String u = unique();
		long t = template(jdbc, "Seq reached " + u);
		long other = template(jdbc, "Seq other " + u);
		long id = sequences.create(new SequenceCommand("Reached " + u, null, false,
				List.of(Step.send(1, t), Step.waitDays(2, 2), Step.send(3, t))));
		enrolments.enrol(id, contact(u));
		jdbc.sql("update sequence_enrolments set position = 2 where sequence_id = ?").param(id).update();

		assertThatThrownBy(() -> sequences.update(id, 0,
				new SequenceCommand("Reached " + u, null, false,
						List.of(Step.waitDays(1, 1), Step.waitDays(2, 2), Step.send(3, t)))))
			.isInstanceOf(RuleViolationException.class)
			.hasFieldOrPropertyWithValue("code", "sequence.steps.reached");
		assertThat(queries.details(id).steps()).extracting(StepView -> StepView.kind())
			.containsExactly(StepKind.SEND, StepKind.WAIT, StepKind.SEND);

		sequences.update(id, 0, new SequenceCommand("Reached " + u, null, false,
				List.of(Step.send(1, other), Step.waitDays(2, 5), Step.task(3, "Call"), Step.tag(4, " VIP "))));

		var details = queries.details(id);
		assertThat(details.version()).isEqualTo(1);
		assertThat(details.steps()).extracting(s -> s.kind())
			.containsExactly(StepKind.SEND, StepKind.WAIT, StepKind.TASK, StepKind.TAG);
		assertThat(details.steps().get(0).templateId()).isEqualTo(other);
		assertThat(details.steps().get(3).tag()).isEqualTo("vip");
		assertThat(jdbc.sql("select count(*) from audit_log where entity_type = 'sequence' and entity_id = ?")
			.param(id)
			.query(Long.class)
			.single()).isGreaterThanOrEqualTo(2);
	}

	@Test
	void renamingASequenceLeavesItsStepsUntouched() {
		String u = unique();
		long t = template(jdbc, "Seq rename " + u);
		long id = sequences
			.create(new SequenceCommand("Before " + u, null, false, List.of(Step.send(1, t), Step.waitDays(2, 1))));
		List<Long> stepIds = jdbc.sql("select id from sequence_steps where sequence_id = ? order by position")
			.param(id)
			.query(Long.class)
			.list();

		sequences.update(id, 0,
				new SequenceCommand("After " + u, "Webinar", true, List.of(Step.send(1, t), Step.waitDays(2, 1))));

		var details = queries.details(id);
		assertThat(details.name()).isEqualTo("After " + u);
		assertThat(details.enrolTag()).isEqualTo("webinar");
		assertThat(details.enrolOnLeadConverted()).isTrue();
		assertThat(jdbc.sql("select id from sequence_steps where sequence_id = ? order by position")
			.param(id)
			.query(Long.class)
			.list()).isEqualTo(stepIds);
	}

	@Test
	void aStaleEditOrPauseConflictsAndLeavesTheSequenceAsItWas() {
		String u = unique();
		long t = template(jdbc, "Seq stale " + u);
		long id = sequences.create(new SequenceCommand("Stale " + u, null, false, List.of(Step.send(1, t))));
		sequences.update(id, 0, new SequenceCommand("Saved " + u, null, false, List.of(Step.send(1, t))));

		assertThatThrownBy(() -> sequences.update(id, 0,
				new SequenceCommand("Lost " + u, null, false, List.of(Step.waitDays(1, 1)))))
			.isInstanceOf(StaleEditException.class);
		assertThatThrownBy(() -> sequences.setActive(id, 0, false)).isInstanceOf(StaleEditException.class);

		var details = queries.details(id);
		assertThat(details.name()).isEqualTo("Saved " + u);
		assertThat(details.active()).isTrue();
		assertThat(details.steps()).extracting(s -> s.kind()).containsExactly(StepKind.SEND);
	}

	@Test
	void aPausedSequenceEnrolsNobodyUntilItIsResumed() {
		String u = unique();
		long t = template(jdbc, "Seq pause " + u);
		long id = sequences.create(new SequenceCommand("Pause " + u, null, false, List.of(Step.send(1, t))));
		long contact = contact(u);

		sequences.setActive(id, 0, false);

		assertThatThrownBy(() -> enrolments.enrol(id, contact)).isInstanceOf(RuleViolationException.class)
			.hasFieldOrPropertyWithValue("code", "sequence.inactive");
		assertThat(queries.enrolments(id, 0, 10)).isEmpty();

		sequences.setActive(id, 1, true);

		assertThat(enrolments.enrol(id, contact)).isTrue();
		assertThat(queries.details(id).version()).isEqualTo(2);
	}

}
