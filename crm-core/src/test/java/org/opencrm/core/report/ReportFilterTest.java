package org.opencrm.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.opencrm.core.shared.RuleViolationException;

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
}
