package org.opencrm.marketing.sequence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.opencrm.marketing.Fixtures.contact;
import static org.opencrm.marketing.Fixtures.template;
import static org.opencrm.marketing.Fixtures.unique;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.core.event.LifecycleStageChanged;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.StaleEditException;
import org.opencrm.marketing.MarketingTest;
import org.opencrm.marketing.sequence.SequenceViews.EnrolmentRow;
import org.opencrm.marketing.tracking.TrackingService;
import org.opencrm.marketing.tracking.TrackingTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

class SequenceTest extends MarketingTest {

	static final Instant T0 = Instant.parse("2030-03-15T10:00:00Z");

	@Autowired
	SequenceService sequences;

	@Autowired
	SequenceEnrolments enrolments;

	@Autowired
	SequenceRunner runner;

	@Autowired
	SequenceQueries queries;

	@Autowired
	TrackingService tracking;

	@Autowired
	TrackingTokens tokens;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate tx;

	long owner(String u) {
		return jdbc.sql(
				"insert into users (username, full_name, password_hash, role) values (?, 'Olga Owner', '{noop}x', 'SALES_REP') returning id")
			.param("owner-" + u)
			.query(Long.class)
			.single();
	}

	EnrolmentRow enrolment(long sequence, long contact) {
		return queries.enrolments(sequence, 0, 100)
			.stream()
			.filter(e -> e.contactId() == contact)
			.findFirst()
			.orElseThrow();
	}

	@Test
	void aSequenceSendsWaitsAndBranchesOnWhetherThePreviousEmailWasOpened() {
		clock.set(T0);
		String u = unique();
		long welcome = template(jdbc, "Welcome " + u);
		long deeper = template(jdbc, "Deeper " + u);
		long id = sequences.create(new SequenceCommand("Nurture " + u, null, false,
				List.of(Step.send(1, welcome), Step.waitDays(2, 2), Step.branch(3, "OPENED", 4, 6),
						Step.send(4, deeper), Step.waitDays(5, 30), Step.task(6, "Call about the welcome mail"))));
		long ownerId = owner(u);
		long alice = contact(jdbc, "Alice", "alice-" + u + "@example.com", u, true, null);
		long bob = contact(jdbc, "Bob", "bob-" + u + "@example.com", u, true, null);
		jdbc.sql("update contacts set owner_id = ? where id in (?, ?)").params(ownerId, alice, bob).update();
		assertThat(enrolments.enrolSegment(id, segments.define(u))).isEqualTo(2);

		// Day 0: both get the welcome mail and start waiting two days.
		assertThat(runner.advanceDue(100)).isGreaterThanOrEqualTo(2);
		sendAll(10);
		assertThat(enrolment(id, alice).position()).isEqualTo(3);
		assertThat(enrolment(id, alice).nextRunAt()).isEqualTo(T0.plus(Duration.ofDays(2)));
		long aliceWelcome = jdbc.sql("select id from email_sends where contact_id = ? and status = 'SENT'")
			.param(alice)
			.query(Long.class)
			.single();
		tracking.opened(tokens.open(aliceWelcome));

		// Day 1: nothing is due yet.
		clock.set(T0.plus(Duration.ofDays(1)));
		runner.advanceDue(100);
		assertThat(enrolment(id, alice).position()).isEqualTo(3);

		// Day 2: Alice opened, so she gets the deeper mail and waits again; Bob didn't: a
		// task, and done.
		clock.set(T0.plus(Duration.ofDays(2)));
		runner.advanceDue(100);
		sendAll(10);

		EnrolmentRow a = enrolment(id, alice);
		assertThat(a.position()).isEqualTo(6);
		assertThat(a.status()).isEqualTo("ACTIVE");
		assertThat(a.nextRunAt()).isEqualTo(T0.plus(Duration.ofDays(32)));
		EnrolmentRow b = enrolment(id, bob);
		assertThat(b.status()).isEqualTo("COMPLETED");
		assertThat(jdbc.sql("select template_id from email_sends where contact_id = ? order by id")
			.param(alice)
			.query(Long.class)
			.list()).containsExactly(welcome, deeper);
		assertThat(jdbc.sql("select template_id from email_sends where contact_id = ? order by id")
			.param(bob)
			.query(Long.class)
			.list()).containsExactly(welcome);
		assertThat(jdbc.sql("select count(*) from tasks where contact_id = ? and assignee_id = ? and related_ref = ?")
			.params(bob, ownerId, "sequence:" + id)
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from tasks where contact_id = ?").param(alice).query(Long.class).single())
			.isZero();
		assertThat(queries.forContact(alice)).singleElement()
			.satisfies(e -> assertThat(e.stepKind()).isEqualTo("TASK"));
	}

	@Test
	void contactsSharingOneAddressGetEachStepOnce() {
		clock.set(T0);
		String u = unique();
		long welcome = template(jdbc, "Welcome " + u);
		long id = sequences.create(new SequenceCommand("Shared inbox " + u, null, false,
				List.of(Step.send(1, welcome), Step.waitDays(2, 2), Step.send(3, welcome))));
		String shared = "team-" + u + "@example.com";
		long ann = contact(jdbc, "Ann", shared, u, true, null);
		long ben = contact(jdbc, "Ben", shared.toUpperCase(), u, true, null);
		long own = contact(jdbc, "Cid", "cid-" + u + "@example.com", u, true, null);
		assertThat(enrolments.enrolSegment(id, segments.define(u))).isEqualTo(3);

		runner.advanceDue(100);
		clock.set(T0.plus(Duration.ofDays(2)));
		runner.advanceDue(100);
		sendAll(10);

		assertThat(jdbc
			.sql("select email, step_position, count(*) from email_sends where contact_id in (?, ?, ?) "
					+ "group by email, step_position order by email, step_position")
			.params(ann, ben, own)
			.query((rs, n) -> rs.getString(1) + " step " + rs.getInt(2) + ": " + rs.getLong(3))
			.list()).containsExactly("cid-" + u + "@example.com step 1: 1", "cid-" + u + "@example.com step 3: 1",
					shared + " step 1: 1", shared + " step 3: 1");
		assertThat(enrolment(id, ann).status()).isEqualTo("COMPLETED");
		assertThat(enrolment(id, ben).status()).as("the second contact walks on without a mail").isEqualTo("COMPLETED");
	}

	@Test
	void anActiveEnrolmentSaysWhyTheContactGetsNoMail() {
		clock.set(T0);
		String u = unique();
		long id = sequences.create(new SequenceCommand("Reasons " + u, null, false,
				List.of(Step.waitDays(1, 5), Step.send(2, template(jdbc, "Later " + u)))));
		long fine = contact(jdbc, "Fay", "fay-" + u + "@example.com", u, true, null);
		long noConsent = contact(jdbc, "Nia", "nia-" + u + "@example.com", u, false, null);
		long unsubscribed = contact(jdbc, "Uma", "uma-" + u + "@example.com", u, true, null);
		long noAddress = contact(jdbc, "Ned", null, u, true, null);
		jdbc.sql("insert into email_suppressions (email, reason) values (?, 'UNSUBSCRIBED')")
			.param("uma-" + u + "@example.com")
			.update();
		enrolments.enrolSegment(id, segments.define(u));

		assertThat(enrolment(id, fine).mailBlocked()).isNull();
		assertThat(enrolment(id, noConsent).mailBlocked()).isEqualTo("NO_CONSENT");
		assertThat(enrolment(id, unsubscribed).mailBlocked()).isEqualTo("SUPPRESSED");
		assertThat(enrolment(id, noAddress).mailBlocked()).isEqualTo("NO_ADDRESS");
		assertThat(queries.forContact(noConsent)).singleElement()
			.satisfies(e -> assertThat(e.mailBlocked()).isEqualTo("NO_CONSENT"));
	}

	@Test
	void aTagStepTagsTheContactThroughItsRecordSoItsVersionMovesAndItsHistoryShowsTheTag() {
		String u = unique();
		long id = sequences.create(new SequenceCommand("Tagger " + u, null, false, List.of(Step.tag(1, "nurtured"))));
		long dana = contact(jdbc, "Dana", "dana-" + u + "@example.com", u, true, null);
		long versionBefore = jdbc.sql("select version from contacts where id = ?")
			.param(dana)
			.query(Long.class)
			.single();
		enrolments.enrol(id, dana);

		runner.advanceDue(100);

		assertThat(enrolment(id, dana).status()).isEqualTo("COMPLETED");
		assertThat(jdbc.sql("select array_to_string(tags, ',') from contacts where id = ?")
			.param(dana)
			.query(String.class)
			.single()).isEqualTo(u + ",nurtured");
		// An edit form loaded before the step now conflicts instead of dropping the tag
		// again.
		assertThat(jdbc.sql("select version from contacts where id = ?").param(dana).query(Long.class).single())
			.isEqualTo(versionBefore + 1);
		assertThat(jdbc.sql("""
				select old_value || ' -> ' || new_value from audit_log
				where entity_type = 'contact' and entity_id = ? and field = 'tags'
				""").param(dana).query(String.class).list()).containsExactly(u + " -> " + u + ", nurtured");
	}

	@Test
	void aContactWhoBecomesACustomerLeavesTheSequence() {
		String u = unique();
		long t = template(jdbc, "T " + u);
		long id = sequences.create(new SequenceCommand("Stop " + u, null, false,
				List.of(Step.send(1, t), Step.waitDays(2, 3), Step.send(3, t))));
		long carl = contact(jdbc, "Carl", "carl-" + u + "@example.com", u, true, null);
		enrolments.enrol(id, carl);

		tx.executeWithoutResult(
				s -> events.publishEvent(new LifecycleStageChanged("contact", carl, "LEAD", "CUSTOMER")));

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			EnrolmentRow e = enrolment(id, carl);
			assertThat(e.status()).isEqualTo("STOPPED");
			assertThat(e.stopReason()).isEqualTo("BECAME_CUSTOMER");
		});
	}

	@Test
	void aNewContactWithTheSequencesTagIsEnrolled() {
		String u = unique();
		long t = template(jdbc, "T " + u);
		long id = sequences.create(new SequenceCommand("Tagged " + u, u, false, List.of(Step.send(1, t))));
		long dora = contact(jdbc, "Dora", "dora-" + u + "@example.com", u, true, null);

		assertThat(enrolments.enrolByTags(dora)).isEqualTo(1);
		assertThat(enrolments.enrolByTags(dora)).isZero();
		assertThat(enrolment(id, dora).status()).isEqualTo("ACTIVE");
	}

	@Test
	void aBranchThatLoopsOnItselfWithoutAWaitIsRetriedTomorrowInsteadOfSpinning() {
		clock.set(T0);
		String u = unique();
		long id = sequences
			.create(new SequenceCommand("Loop " + u, null, false, List.of(Step.branch(1, "OPENED", 1, 1))));
		long eve = contact(jdbc, "Eve", "eve-" + u + "@example.com", u, true, null);
		enrolments.enrol(id, eve);

		runner.advanceDue(100);

		EnrolmentRow e = enrolment(id, eve);
		assertThat(e.status()).isEqualTo("ACTIVE");
		assertThat(e.nextRunAt()).isEqualTo(T0.plus(Duration.ofDays(1)));
	}

	@Test
	void aSequenceWithAnIncompleteStepIsRefused() {
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> sequences
				.create(new SequenceCommand("Bad", null, false, List.of(Step.branch(1, "OPENED", 5, 1)))))
			.isInstanceOf(org.opencrm.core.shared.RuleViolationException.class);
	}

	@Test
	void aPausedSequenceNeitherEnrolsNorAdvancesAndResumesWhereEachContactWas() {
		clock.set(T0);
		String u = unique();
		long t = template(jdbc, "T " + u);
		long id = sequences.create(new SequenceCommand("Pause " + u, u, false,
				List.of(Step.send(1, t), Step.waitDays(2, 2), Step.tag(3, "nurtured"))));
		long ann = contact(jdbc, "Ann", "ann-" + u + "@example.com", u, true, null);
		enrolments.enrol(id, ann);
		runner.advanceDue(100);
		assertThat(enrolment(id, ann).position()).isEqualTo(3);

		sequences.setActive(id, 0, false);

		assertThat(queries.details(id).active()).isFalse();
		long ben = contact(jdbc, "Ben", "ben-" + u + "@example.com", u, true, null);
		assertThatThrownBy(() -> enrolments.enrol(id, ben)).isInstanceOf(RuleViolationException.class)
			.hasFieldOrPropertyWithValue("code", "sequence.inactive");
		assertThat(enrolments.enrolByTags(ben)).isZero();
		clock.set(T0.plus(Duration.ofDays(3)));
		runner.advanceDue(100);
		assertThat(enrolment(id, ann).position()).isEqualTo(3);
		assertThat(enrolment(id, ann).status()).isEqualTo("ACTIVE");

		sequences.setActive(id, 1, true);
		runner.advanceDue(100);

		assertThat(enrolment(id, ann).status()).isEqualTo("COMPLETED");
		assertThat(jdbc.sql("select tags @> array['nurtured'] from contacts where id = ?")
			.param(ann)
			.query(Boolean.class)
			.single()).isTrue();
	}

	@Test
	void whileContactsAreActiveReachedStepsMayBeChangedInPlaceAndNewOnesAppended() {
		clock.set(T0);
		String u = unique();
		long t = template(jdbc, "T " + u);
		long other = template(jdbc, "Other " + u);
		long id = sequences.create(new SequenceCommand("Edit " + u, null, false,
				List.of(Step.send(1, t), Step.waitDays(2, 2), Step.send(3, t), Step.waitDays(4, 5))));
		long ann = contact(jdbc, "Ann", "ann-" + u + "@example.com", u, true, null);
		enrolments.enrol(id, ann);
		runner.advanceDue(100);
		assertThat(enrolment(id, ann).position()).isEqualTo(3);

		sequences.update(id, 0, new SequenceCommand("Edited " + u, "later", true, List.of(Step.send(1, other),
				Step.waitDays(2, 4), Step.send(3, t), Step.tag(4, "warm"), Step.task(5, "Call"))));

		var details = queries.details(id);
		assertThat(details.name()).isEqualTo("Edited " + u);
		assertThat(details.enrolTag()).isEqualTo("later");
		assertThat(details.enrolOnLeadConverted()).isTrue();
		assertThat(details.version()).isEqualTo(1);
		assertThat(details.steps()).extracting(s -> s.kind().name())
			.containsExactly("SEND", "WAIT", "SEND", "TAG", "TASK");
		assertThat(details.steps().get(0).templateId()).isEqualTo(other);
		assertThat(details.steps().get(1).waitDays()).isEqualTo(4);
		assertThat(enrolment(id, ann).position()).isEqualTo(3);
	}

	@Test
	void removingOrReorderingAStepAContactHasReachedIsRefusedAndNothingIsWritten() {
		clock.set(T0);
		String u = unique();
		long t = template(jdbc, "T " + u);
		long id = sequences.create(new SequenceCommand("Keep " + u, null, false,
				List.of(Step.send(1, t), Step.waitDays(2, 2), Step.send(3, t), Step.waitDays(4, 5))));
		long ann = contact(jdbc, "Ann", "ann-" + u + "@example.com", u, true, null);
		enrolments.enrol(id, ann);
		runner.advanceDue(100);

		assertThatThrownBy(() -> sequences.update(id, 0,
				new SequenceCommand("Renamed " + u, null, false,
						List.of(Step.send(1, t), Step.send(2, t), Step.waitDays(3, 5)))))
			.isInstanceOf(RuleViolationException.class)
			.hasFieldOrPropertyWithValue("code", "sequence.steps.reached");
		assertThatThrownBy(() -> sequences.update(id, 0,
				new SequenceCommand("Renamed " + u, null, false,
						List.of(Step.waitDays(1, 2), Step.send(2, t), Step.send(3, t), Step.waitDays(4, 5)))))
			.isInstanceOf(RuleViolationException.class)
			.hasFieldOrPropertyWithValue("code", "sequence.steps.reached");
		assertThatThrownBy(() -> sequences.update(id, 0,
				new SequenceCommand("Renamed " + u, null, false,
						List.of(Step.send(1, t), Step.waitDays(2, 2), Step.branch(3, "OPENED", 9, 1)))))
			.isInstanceOf(RuleViolationException.class)
			.hasFieldOrPropertyWithValue("code", "sequence.step.incomplete");

		var details = queries.details(id);
		assertThat(details.name()).isEqualTo("Keep " + u);
		assertThat(details.version()).isZero();
		assertThat(details.steps()).extracting(s -> s.kind().name()).containsExactly("SEND", "WAIT", "SEND", "WAIT");

		// Steps after the furthest one reached are free to go.
		sequences.update(id, 0, new SequenceCommand("Shorter " + u, null, false,
				List.of(Step.send(1, t), Step.waitDays(2, 2), Step.send(3, t))));
		assertThat(queries.details(id).steps()).hasSize(3);
	}

	@Test
	void withoutActiveContactsAnyChangeIsAllowed() {
		String u = unique();
		long t = template(jdbc, "T " + u);
		long id = sequences.create(new SequenceCommand("Free " + u, null, false,
				List.of(Step.send(1, t), Step.waitDays(2, 2), Step.send(3, t))));

		sequences.update(id, 0, new SequenceCommand("Free " + u, null, false, List.of(Step.tag(1, "x"))));

		assertThat(queries.details(id).steps()).extracting(s -> s.kind().name()).containsExactly("TAG");
	}

	@Test
	void anEditOrPauseOfAStaleCopyConflicts() {
		String u = unique();
		long t = template(jdbc, "T " + u);
		long id = sequences.create(new SequenceCommand("Stale " + u, null, false, List.of(Step.send(1, t))));
		sequences.update(id, 0, new SequenceCommand("First " + u, null, false, List.of(Step.send(1, t))));

		assertThatThrownBy(() -> sequences.update(id, 0,
				new SequenceCommand("Second " + u, null, false, List.of(Step.send(1, t)))))
			.isInstanceOf(StaleEditException.class);
		assertThatThrownBy(() -> sequences.setActive(id, 0, false)).isInstanceOf(StaleEditException.class);
		assertThatThrownBy(() -> sequences.update(id, 0,
				new SequenceCommand("Second " + u, null, false, List.of(Step.send(1, -1L)))))
			.isInstanceOf(StaleEditException.class);
		assertThat(queries.details(id).name()).isEqualTo("First " + u);
		assertThat(queries.details(id).active()).isTrue();
	}

	@Test
	void aSendStepWithAnUnknownTemplateIsRefused() {
		assertThatThrownBy(
				() -> sequences.create(new SequenceCommand("No template", null, false, List.of(Step.send(1, -1L)))))
			.isInstanceOf(RuleViolationException.class)
			.hasFieldOrPropertyWithValue("code", "sequence.step.incomplete");
	}

}
