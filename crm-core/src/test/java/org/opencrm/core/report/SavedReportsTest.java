package org.opencrm.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencrm.core.TestData.unique;
import static org.opencrm.core.TestData.user;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest
class SavedReportsTest {

	@Autowired
	SavedReports saved;

	@Autowired
	Reports reports;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aUserSavesNamedFiltersListsThemByNameAndDeletesOnlyTheirOwn() {
		long me = user(jdbc, "me" + unique(), "Me");
		long other = user(jdbc, "other" + unique(), "Other");
		Report report = reports.get("customer-revenue", new CrmUser(me, "me", "Me", Role.ADMIN, null, null, true));
		ReportFilter filter = new ReportFilter(LocalDate.of(2030, 1, 1), null, null, me);

		long b = saved.save(me, report, "  Bravo ", filter);
		saved.save(me, report, "alpha", ReportFilter.none());

		assertThat(saved.list(me)).extracting(SavedReport::name).containsExactly("alpha", "Bravo");
		assertThat(saved.list(me).get(1).filter()).isEqualTo(filter);
		assertThat(saved.list(other)).isEmpty();

		assertThatThrownBy(() -> saved.delete(other, b)).isInstanceOf(NotFoundException.class);
		saved.delete(me, b);
		assertThat(saved.list(me)).extracting(SavedReport::name).containsExactly("alpha");
	}

	@Test
	void blankLongAndDuplicateNamesAreRefusedWithAMessageAndNothingIsSaved() {
		long me = user(jdbc, "me" + unique(), "Me");
		Report report = reports.get("customer-revenue", new CrmUser(me, "me", "Me", Role.ADMIN, null, null, true));
		saved.save(me, report, "Mine", ReportFilter.none());

		assertThatThrownBy(() -> saved.save(me, report, "   ", ReportFilter.none()))
			.isInstanceOf(RuleViolationException.class)
			.extracting(e -> ((RuleViolationException) e).code())
			.isEqualTo("report.saved.nameRequired");
		assertThatThrownBy(() -> saved.save(me, report, "x".repeat(101), ReportFilter.none()))
			.extracting(e -> ((RuleViolationException) e).code())
			.isEqualTo("report.saved.nameTooLong");
		assertThatThrownBy(() -> saved.save(me, report, "MINE", ReportFilter.none()))
			.extracting(e -> ((RuleViolationException) e).code())
			.isEqualTo("report.saved.nameTaken");
		assertThat(saved.list(me)).hasSize(1);
	}

}
