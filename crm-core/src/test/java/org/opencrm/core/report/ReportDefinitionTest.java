package org.opencrm.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.Role;

class ReportDefinitionTest {

	static final List<ReportColumn> COLUMNS = List.of(ReportColumn.text("owner"), ReportColumn.money("revenue"));

	@Test
	void titleAndDescriptionCodesFollowTheKey() {
		ReportDefinition d = new ReportDefinition("won-deals", EnumSet.of(FilterField.DATES), COLUMNS,
				EnumSet.of(Role.ADMIN), true);
		assertThat(d.titleCode()).isEqualTo("report.won-deals.title");
		assertThat(d.descriptionCode()).isEqualTo("report.won-deals.description");
	}

	@Test
	void offersOnlyTheDeclaredFiltersAndAllowsOnlyTheDeclaredRoles() {
		ReportDefinition d = new ReportDefinition("won-deals", EnumSet.of(FilterField.DATES, FilterField.TEAM), COLUMNS,
				EnumSet.of(Role.ADMIN, Role.MANAGER), false);
		assertThat(d.offers(FilterField.DATES)).isTrue();
		assertThat(d.offers(FilterField.TEAM)).isTrue();
		assertThat(d.offers(FilterField.USER)).isFalse();
		assertThat(d.allows(Role.MANAGER)).isTrue();
		assertThat(d.allows(Role.SALES_REP)).isFalse();
		assertThat(d.totals()).isFalse();
	}

	@Test
	void changingTheArgumentsLaterDoesNotChangeTheDefinition() {
		Set<FilterField> filters = EnumSet.of(FilterField.DATES);
		List<ReportColumn> columns = new ArrayList<>(COLUMNS);
		Set<Role> roles = EnumSet.of(Role.ADMIN);
		ReportDefinition d = new ReportDefinition("won-deals", filters, columns, roles, false);
		filters.add(FilterField.USER);
		columns.clear();
		roles.add(Role.CUSTOMER);
		assertThat(d.filters()).containsExactly(FilterField.DATES);
		assertThat(d.columns()).isEqualTo(COLUMNS);
		assertThat(d.roles()).containsExactly(Role.ADMIN);
		assertThatThrownBy(() -> d.columns().add(ReportColumn.text("x")))
			.isInstanceOf(UnsupportedOperationException.class);
	}

	@Test
	void aKeyThatIsNotLowerCaseWordsJoinedByDashesIsRefused() {
		for (String bad : new String[] { "Won-Deals", "won deals", "won--deals", "-won", "won/deals", "" }) {
			assertThatThrownBy(() -> new ReportDefinition(bad, Set.of(), COLUMNS, Set.of(Role.ADMIN), false)).as(bad)
				.isInstanceOf(IllegalArgumentException.class);
		}
		assertThatThrownBy(() -> new ReportDefinition(null, Set.of(), COLUMNS, Set.of(Role.ADMIN), false))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void aReportWithoutColumnsIsRefused() {
		assertThatThrownBy(() -> new ReportDefinition("empty", Set.of(), List.of(), Set.of(Role.ADMIN), false))
			.isInstanceOf(IllegalArgumentException.class);
	}

}
