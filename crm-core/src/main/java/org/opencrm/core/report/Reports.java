package org.opencrm.core.report;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.Rows;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Visibility;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every {@link Report} bean of the application, by key; checks a filter against the
 * database (its team and user exist) and fills in its dates before a report runs.
 */
@Service
public class Reports {

	private final Map<String, Report> byKey = new LinkedHashMap<>();

	private final JdbcClient jdbc;

	private final Clock clock;

	Reports(List<Report> reports, JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
		reports.stream().sorted(Comparator.comparing(r -> r.definition().key())).forEach(r -> {
			if (byKey.put(r.definition().key(), r) != null) {
				throw new IllegalStateException("two reports with key " + r.definition().key());
			}
		});
	}

	/** The reports this user may run, by key. */
	public List<Report> availableTo(CrmUser user) {
		return byKey.values().stream().filter(r -> r.definition().allows(user.role())).toList();
	}

	/** The report, if it exists and the user may run it. */
	public Optional<Report> find(String key, CrmUser user) {
		return Optional.ofNullable(byKey.get(key)).filter(r -> r.definition().allows(user.role()));
	}

	/**
	 * Like {@link #find}, but "not found" when it doesn't exist or isn't for this user.
	 */
	public Report get(String key, CrmUser user) {
		return find(key, user).orElseThrow(() -> new NotFoundException("Report", key));
	}

	/**
	 * The filter as the report will run it: dates filled in, and refused (a rule
	 * violation) when its team or user doesn't exist. One statement when it names a team
	 * or user, none otherwise.
	 */
	@Transactional(readOnly = true)
	public ReportFilter resolve(ReportFilter filter) {
		if (filter.teamId() != null || filter.userId() != null) {
			record Known(boolean knownTeam, boolean knownUser) {
			}
			Known known = jdbc
				.sql("""
						select (cast(:team as bigint) is null or exists (select 1 from teams where id = :team)) as known_team,
						       (cast(:user as bigint) is null
						        or exists (select 1 from users where id = :user and role <> 'CUSTOMER')) as known_user
						""")
				.param("team", filter.teamId(), java.sql.Types.BIGINT)
				.param("user", filter.userId(), java.sql.Types.BIGINT)
				.query(Rows.of(Known.class))
				.single();
			if (!known.knownTeam()) {
				throw new RuleViolationException("report.filter.unknownTeam", "There is no such team.",
						String.valueOf(filter.teamId()));
			}
			if (!known.knownUser()) {
				throw new RuleViolationException("report.filter.unknownUser", "There is no such user.",
						String.valueOf(filter.userId()));
			}
		}
		return filter.withDefaults(LocalDate.now(clock));
	}

	/**
	 * Runs the report for this viewer in a read-only transaction, pushing its rows to
	 * {@code rows}; {@code filter} must come from {@link #resolve}.
	 */
	@Transactional(readOnly = true)
	public void stream(Report report, ReportFilter filter, Visibility visibility, RowHandler rows) {
		report.stream(filter, visibility, rows);
	}

}
