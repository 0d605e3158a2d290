package org.opencrm.core.report;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each user's saved report views: save a named filter of a report, list them, delete
 * one's own.
 */
@Service
public class SavedReports {

	public static final int MAX_NAME = 100;

	public static final int MAX_PER_USER = 50;

	private final JdbcClient jdbc;

	SavedReports(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The user's saved views, by name; one statement. */
	@Transactional(readOnly = true)
	public List<SavedReport> list(long userId) {
		return jdbc.sql("""
				select id, report_key, name, date_from, date_to, team_id, filter_user_id
				from saved_reports where user_id = ? order by lower(name), id
				""")
			.param(userId)
			.query((rs, n) -> new SavedReport(rs.getLong("id"), rs.getString("report_key"), rs.getString("name"),
					new ReportFilter(rs.getObject("date_from", LocalDate.class),
							rs.getObject("date_to", LocalDate.class), rs.getObject("team_id", Long.class),
							rs.getObject("filter_user_id", Long.class))))
			.list();
	}

	/**
	 * Saves the filter (as given, before defaults: a view without dates keeps following
	 * "the last twelve months") under a name unique per user and report.
	 */
	@Transactional
	public long save(long userId, Report report, String name, ReportFilter filter) {
		String n = name == null ? "" : name.strip();
		if (n.isEmpty()) {
			throw new RuleViolationException("report.saved.nameRequired", "Give the view a name.");
		}
		if (n.length() > MAX_NAME) {
			throw new RuleViolationException("report.saved.nameTooLong",
					"A name has at most " + MAX_NAME + " characters.", MAX_NAME);
		}
		Long count = jdbc.sql("select count(*) from saved_reports where user_id = ?")
			.param(userId)
			.query(Long.class)
			.single();
		if (count >= MAX_PER_USER) {
			throw new RuleViolationException("report.saved.tooMany", "You have too many saved views.", MAX_PER_USER);
		}
		Long id = jdbc.sql("""
				insert into saved_reports (user_id, report_key, name, date_from, date_to, team_id, filter_user_id)
				values (:user, :key, :name, :from, :to, :team, :filterUser)
				on conflict (user_id, report_key, lower(name)) do nothing
				returning id
				""")
			.param("user", userId)
			.param("key", report.definition().key())
			.param("name", n)
			.param("from", filter.from() == null ? null : Date.valueOf(filter.from()), java.sql.Types.DATE)
			.param("to", filter.to() == null ? null : Date.valueOf(filter.to()), java.sql.Types.DATE)
			.param("team", filter.teamId(), java.sql.Types.BIGINT)
			.param("filterUser", filter.userId(), java.sql.Types.BIGINT)
			.query(Long.class)
			.optional()
			.orElseThrow(() -> new RuleViolationException("report.saved.nameTaken",
					"You already have a view of this report with that name.", n));
		return id;
	}

	/** Deletes one of the user's own views; someone else's (or none) is "not found". */
	@Transactional
	public void delete(long userId, long id) {
		int n = jdbc.sql("delete from saved_reports where id = ? and user_id = ?").params(id, userId).update();
		if (n == 0) {
			throw new NotFoundException("Saved report", id);
		}
	}

}
