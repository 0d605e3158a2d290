package org.opencrm.marketing.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencrm.marketing.Fixtures.contact;
import static org.opencrm.marketing.Fixtures.unique;
import static org.opencrm.marketing.segment.SegmentNode.Criterion.of;

import org.junit.jupiter.api.Test;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.StaleEditException;
import org.opencrm.marketing.segment.SegmentNode.Group;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A segment's own rules, held by the {@link Segment} aggregate on real PostgreSQL: a
 * name, a kind chosen once, only a definition that compiles, members by hand only on a
 * static list, no deleting while campaigns use it. A refused change names its rule and
 * leaves the segment as it was.
 */
@SpringBootTest
class SegmentRulesTest {

	@Autowired
	SegmentService segments;

	@Autowired
	SegmentQuery query;

	@Autowired
	JdbcClient jdbc;

	private long count(String name) {
		return jdbc.sql("select count(*) from segments where name = ?").param(name).query(Long.class).single();
	}

	@Test
	void aSegmentNeedsANameAndAKindAndNothingIsSavedWithout() {
		String name = "Nameless " + unique();

		assertThatThrownBy(() -> segments.create(new SegmentCommand(" ", null, SegmentKind.STATIC, null, 0)))
			.hasFieldOrPropertyWithValue("code", "segment.name.required");
		assertThatThrownBy(() -> segments.create(new SegmentCommand(name, null, null, null, 0)))
			.hasFieldOrPropertyWithValue("code", "segment.kind.required");
		assertThat(count(name)).isZero();
	}

	@Test
	void aDefinitionThatDoesNotCompileIsRefusedAndTheSegmentKeepsItsOwn() {
		String name = "Leads " + unique();
		Group leads = Group.and(of("stage", "in", "LEAD"));
		long id = segments.create(new SegmentCommand(name, "before", SegmentKind.DYNAMIC, leads, 0));

		assertThatThrownBy(() -> segments.update(id,
				new SegmentCommand(name, "after", SegmentKind.DYNAMIC, Group.and(of("no-such-field", "in", "x")), 0)))
			.isInstanceOf(InvalidSegmentDefinitionException.class);
		assertThatThrownBy(() -> segments.create(new SegmentCommand("Broken " + name, null, SegmentKind.DYNAMIC,
				Group.and(of("stage", "no-such-operator", "LEAD")), 0)))
			.isInstanceOf(InvalidSegmentDefinitionException.class);

		SegmentDetails kept = query.details(id);
		assertThat(kept.definition()).isEqualTo(leads);
		assertThat(kept.description()).isEqualTo("before");
		assertThat(kept.version()).isZero();
		assertThat(count("Broken " + name)).isZero();
	}

	@Test
	void aSegmentsKindStaysAndAStaticListHoldsNoDefinition() {
		String name = "List " + unique();
		long id = segments
			.create(new SegmentCommand(name, null, SegmentKind.STATIC, Group.and(of("stage", "in", "LEAD")), 0));
		assertThat(query.details(id).definition()).isEqualTo(SegmentDefinitions.empty());

		segments.update(id,
				new SegmentCommand(name, "now dynamic?", SegmentKind.DYNAMIC, Group.and(of("stage", "in", "LEAD")), 0));

		SegmentDetails after = query.details(id);
		assertThat(after.kind()).isEqualTo(SegmentKind.STATIC);
		assertThat(after.definition()).isEqualTo(SegmentDefinitions.empty());
		assertThat(after.description()).isEqualTo("now dynamic?");
		assertThat(after.version()).isEqualTo(1);
	}

	@Test
	void anEditMovesTheVersionAndIsAuditedWithTheDefinitionBeforeAndAfter() {
		String name = "Audited " + unique();
		long id = segments
			.create(new SegmentCommand(name, null, SegmentKind.DYNAMIC, Group.and(of("stage", "in", "LEAD")), 0));

		segments.update(id,
				new SegmentCommand(name, null, SegmentKind.DYNAMIC, Group.and(of("stage", "in", "CUSTOMER")), 0));

		assertThat(query.details(id).version()).isEqualTo(1);
		assertThat(jdbc.sql("""
				select field from audit_log where entity_type = 'segment' and entity_id = ? and action = 'UPDATE'
				""").param(id).query(String.class).list()).containsExactly("definition");
	}

	@Test
	void renamingToAnotherSegmentsNameIsRefused() {
		String u = unique();
		segments.create(new SegmentCommand("Taken " + u, null, SegmentKind.STATIC, null, 0));
		long id = segments.create(new SegmentCommand("Free " + u, null, SegmentKind.STATIC, null, 0));

		assertThatThrownBy(
				() -> segments.update(id, new SegmentCommand("TAKEN " + u, null, SegmentKind.STATIC, null, 0)))
			.hasFieldOrPropertyWithValue("code", "segment.name.taken");
		assertThat(query.details(id).name()).isEqualTo("Free " + u);
	}

	@Test
	void membersAreListedByHandOnlyOnAStaticListAndOnlyKnownAddresses() {
		String u = unique();
		long dynamic = segments.create(new SegmentCommand("Dyn " + u, null, SegmentKind.DYNAMIC, Group.and(), 0));
		long list = segments.create(new SegmentCommand("List " + u, null, SegmentKind.STATIC, null, 0));
		long anna = contact(jdbc, "Anna", "anna-" + u + "@example.com", u, true, null);

		assertThatThrownBy(() -> segments.addMember(dynamic, anna)).hasFieldOrPropertyWithValue("code",
				"segment.notStatic");
		assertThatThrownBy(() -> segments.importCsv(dynamic, "email\nanna-" + u + "@example.com"))
			.hasFieldOrPropertyWithValue("code", "segment.notStatic");
		assertThatThrownBy(() -> segments.removeMember(dynamic, anna)).hasFieldOrPropertyWithValue("code",
				"segment.notStatic");
		assertThatThrownBy(() -> segments.addMemberByEmail(list, "nobody-" + u + "@example.com"))
			.hasFieldOrPropertyWithValue("code", "segment.member.unknownEmail");
		assertThatThrownBy(() -> segments.addMember(-1, anna)).isInstanceOf(NotFoundException.class);
		assertThat(query.count(list).value()).isZero();
	}

	@Test
	void aSegmentACampaignUsesIsNotDeletedAndAStaleDeleteConflicts() {
		String u = unique();
		long used = segments.create(new SegmentCommand("Used " + u, null, SegmentKind.STATIC, null, 0));
		jdbc.sql("insert into campaigns (name, type, segment_id) values (?, 'EMAIL', ?)")
			.params("Uses " + u, used)
			.update();
		long other = segments.create(new SegmentCommand("Other " + u, null, SegmentKind.STATIC, null, 0));
		segments.update(other, new SegmentCommand("Other " + u, "edited", SegmentKind.STATIC, null, 0));

		assertThatThrownBy(() -> segments.delete(used, 0)).hasFieldOrPropertyWithValue("code", "segment.inUse");
		assertThatThrownBy(() -> segments.delete(other, 0)).isInstanceOf(StaleEditException.class);
		assertThat(count("Used " + u)).isOne();
		assertThat(count("Other " + u)).isOne();
	}

	@Test
	void deletingAStaticListTakesItsMembersWithIt() {
		String u = unique();
		long list = segments.create(new SegmentCommand("Gone " + u, null, SegmentKind.STATIC, null, 0));
		segments.addMember(list, contact(jdbc, "Ben", "ben-" + u + "@example.com", u, true, null));

		segments.delete(list, 0);

		assertThat(count("Gone " + u)).isZero();
		assertThat(jdbc.sql("select count(*) from segment_members where segment_id = ?")
			.param(list)
			.query(Long.class)
			.single()).isZero();
		assertThatThrownBy(() -> query.details(list)).isInstanceOf(NotFoundException.class);
	}

}
