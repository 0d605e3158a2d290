package org.opencrm.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.SqlWhere;

class ReportFilterTest {

	static final LocalDate TODAY = LocalDate.of(2030, 11, 14);

	@Test
	void aRangeThatEndsBeforeItStartsIsRefused() {
		assertThatThrownBy(() -> new ReportFilter(LocalDate.of(2030, 2, 1), LocalDate.of(2030, 1, 31), null, null))
			.isInstanceOf(RuleViolationException.class)
			.extracting(e -> ((RuleViolationException) e).code())
			.isEqualTo("report.filter.fromAfterTo");
	}

	@Test
	void aRangeOfMoreThanFiveYearsIsRefusedFiveExactlyIsAllowed() {
		assertThat(new ReportFilter(LocalDate.of(2025, 1, 1), LocalDate.of(2030, 1, 1), null, null).to())
			.isEqualTo(LocalDate.of(2030, 1, 1));
		assertThatThrownBy(() -> new ReportFilter(LocalDate.of(2025, 1, 1), LocalDate.of(2030, 1, 2), null, null))
			.isInstanceOf(RuleViolationException.class)
			.extracting(e -> ((RuleViolationException) e).code())
			.isEqualTo("report.filter.rangeTooLong");
	}

	@Test
	void missingDatesDefaultToTheLastTwelveWholeMonthsUpToToday() {
		ReportFilter f = ReportFilter.none().withDefaults(TODAY);
		assertThat(f.from()).isEqualTo(LocalDate.of(2029, 12, 1));
		assertThat(f.to()).isEqualTo(TODAY);

		ReportFilter onlyTo = new ReportFilter(null, LocalDate.of(2030, 6, 15), null, null).withDefaults(TODAY);
		assertThat(onlyTo.from()).isEqualTo(LocalDate.of(2029, 7, 1));

		ReportFilter onlyFrom = new ReportFilter(LocalDate.of(2030, 3, 1), null, null, null).withDefaults(TODAY);
		assertThat(onlyFrom.to()).isEqualTo(TODAY);
	}

	@Test
	void aStartInTheFutureWithoutAnEndIsAOneDayRangeNotAnError() {
		ReportFilter f = new ReportFilter(LocalDate.of(2031, 3, 1), null, null, null).withDefaults(TODAY);
		assertThat(f.from()).isEqualTo(f.to());
	}

	@Test
	void byOwnerAddsOnlyTheTeamAndUserGiven() {
		assertThat(ReportFilter.none().byOwner(new SqlWhere(), "o.owner_id").sql()).isEmpty();

		SqlWhere both = new ReportFilter(null, null, 3L, 9L).byOwner(new SqlWhere(), "o.owner_id");
		assertThat(both.sql())
			.isEqualTo(" where o.owner_id in (select tu.id from users tu where tu.team_id = :filterTeam)"
					+ " and o.owner_id = :filterUser");
		assertThat(both.params()).containsEntry("filterTeam", 3L).containsEntry("filterUser", 9L);
	}

	@Test
	void withinBindsTheRangesDayBoundsInTheZoneEndExclusive() {
		ZoneId zone = ZoneId.of("Europe/Berlin");
		SqlWhere where = new ReportFilter(LocalDate.of(2030, 1, 1), LocalDate.of(2030, 1, 31), null, null)
			.within(new SqlWhere(), "t.opened_at", zone);
		assertThat(where.sql()).isEqualTo(" where t.opened_at >= :fromTime and t.opened_at < :toTime");
		assertThat(where.params()).containsEntry("fromTime", Timestamp.from(Instant.parse("2029-12-31T23:00:00Z")))
			.containsEntry("toTime", Timestamp.from(Instant.parse("2030-01-31T23:00:00Z")));
	}

}
