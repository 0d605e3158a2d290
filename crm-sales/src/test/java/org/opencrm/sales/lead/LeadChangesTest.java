package org.opencrm.sales.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencrm.sales.SalesFixtures.lead;
import static org.opencrm.sales.SalesFixtures.unique;

import org.junit.jupiter.api.Test;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.StaleEditException;
import org.opencrm.core.user.Visibility;
import org.opencrm.sales.SalesFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A lead's one write path on the real database: its version, its score, its rules. */
@SpringBootTest
class LeadChangesTest {

	@Autowired
	LeadService leads;

	@Autowired
	LeadConversion conversion;

	@Autowired
	LeadQuery query;

	@Autowired
	JdbcClient jdbc;

	private LeadDetails details(long id) {
		return query.details(id, Visibility.all());
	}

	@Test
	void everyChangeMovesTheVersionAndAStaleOneConflictsWithoutWriting() {
		long id = leads.create(lead("Vera", "Version" + unique(), null, null, null), Visibility.all());
		assertThat(details(id).version()).isZero();

		leads.changeStatus(id, 0, LeadStatus.WORKING, null, Visibility.all());
		leads.update(id, new LeadCommand("Vera", details(id).lastName(), null, null, "Fair Co", null, null, null, null,
				"manual", null, null, null, 1), Visibility.all());
		assertThat(details(id).version()).isEqualTo(2);

		assertThatThrownBy(() -> leads.changeStatus(id, 1, LeadStatus.QUALIFIED, null, Visibility.all()))
			.isInstanceOf(StaleEditException.class);
		assertThatThrownBy(() -> leads.update(id, lead("Vera", "Stale", null, null, null), Visibility.all()))
			.isInstanceOf(StaleEditException.class);
		assertThat(details(id).status()).isEqualTo(LeadStatus.WORKING);
		assertThat(details(id).company()).isEqualTo("Fair Co");
		assertThat(details(id).version()).isEqualTo(2);
	}

	@Test
	void savingAnUnchangedLeadMovesTheVersionSoTheSameCopySavedAgainConflicts() {
		LeadCommand same = lead("Una", "Unchanged" + unique(), null, null, null);
		long id = leads.create(same, Visibility.all());

		leads.update(id, same, Visibility.all());

		assertThat(details(id).version()).isEqualTo(1);
		assertThatThrownBy(() -> leads.update(id, same, Visibility.all())).isInstanceOf(StaleEditException.class);
	}

	@Test
	void aNewScoreKeepsTheVersionAndAnEditKeepsTheScore() {
		long id = leads.create(lead("Sam", "Score" + unique(), null, null, null), Visibility.all());

		leads.applyScore(id, 42, true);
		LeadCommand edit = new LeadCommand("Sam", "Scored", null, null, "Score Co", null, null, null, null, "manual",
				null, null, null, 0);
		leads.update(id, edit, Visibility.all());

		LeadDetails lead = details(id);
		assertThat(lead.score()).isEqualTo(42);
		assertThat(lead.mql()).isTrue();
		assertThat(lead.company()).isEqualTo("Score Co");
		assertThat(lead.version()).isEqualTo(1);
	}

	@Test
	void aConvertedLeadRefusesEditsStatusChangesAndASecondConversion() {
		long id = leads.create(
				lead("Cora", "Converted" + unique(), null, "Cora Co", SalesFixtures.user(jdbc, "SALES_REP", null)),
				Visibility.all());
		leads.changeStatus(id, 0, LeadStatus.QUALIFIED, null, Visibility.all());
		conversion.convert(id, new ConvertLead(null, null, false, null, null, null, null, 1), Visibility.all());
		long version = details(id).version();

		assertThatThrownBy(() -> leads.update(id,
				new LeadCommand("Cora", "Renamed", null, null, null, null, null, null, null, "manual", null, null, null,
						version),
				Visibility.all()))
			.isInstanceOfSatisfying(RuleViolationException.class,
					e -> assertThat(e.code()).isEqualTo("lead.converted.readOnly"));
		assertThatThrownBy(() -> leads.changeStatus(id, version, LeadStatus.WORKING, null, Visibility.all()))
			.isInstanceOfSatisfying(RuleViolationException.class,
					e -> assertThat(e.code()).isEqualTo("lead.status.notAllowed"));
		assertThatThrownBy(() -> conversion.convert(id,
				new ConvertLead(null, null, false, null, null, null, null, version), Visibility.all()))
			.isInstanceOfSatisfying(RuleViolationException.class,
					e -> assertThat(e.code()).isEqualTo("lead.convert.already"));
		assertThat(details(id).status()).isEqualTo(LeadStatus.CONVERTED);
		assertThat(details(id).version()).isEqualTo(version);
	}

	@Test
	void anUnknownOwnerIsRefusedAndNothingIsWritten() {
		String last = "Owner" + unique();

		assertThatThrownBy(() -> leads.create(lead("Otto", last, null, null, -5L), Visibility.all()))
			.isInstanceOfSatisfying(RuleViolationException.class,
					e -> assertThat(e.code()).isEqualTo("lead.owner.unknown"));
		assertThat(jdbc.sql("select count(*) from leads where last_name = ?").param(last).query(Long.class).single())
			.isZero();
	}

}
