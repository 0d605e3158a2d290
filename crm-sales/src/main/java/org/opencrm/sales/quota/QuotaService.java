package org.opencrm.sales.quota;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.SqlWhere;
import org.opencrm.core.user.Visibility;
import org.opencrm.sales.shared.Scopes;
import org.opencrm.sales.shared.Period;
import org.opencrm.sales.shared.PeriodType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Quotas per rep per month or quarter. Saving is an upsert on (user, period type, period start):
 * a grid of cells is saved in one go, so there is no per-cell version to compare; the last save
 * of a cell wins, and each change bumps the row's version.
 */
@Service
public class QuotaService {

	/** Who carries a quota: sales reps and managers (managers sell too). */
	static final String QUOTA_ROLES = "('SALES_REP', 'MANAGER')";

	private final JdbcClient jdbc;

	QuotaService(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The users whose quotas {@code visibility} may see, optionally of one team, by name. */
	@Transactional(readOnly = true)
	public List<QuotaUser> quotaUsers(Visibility visibility, Long teamId) {
		SqlWhere where = new SqlWhere().and("u.enabled").and("u.role in " + QUOTA_ROLES);
		Scopes.restrict(where, visibility, "u.id", teamId, null);
		return where.bind(jdbc.sql("select u.id, u.full_name from users u" + where.sql() + " order by u.full_name, u.id"))
			.query(QuotaUser.class)
			.list();
	}

	/** A year's quotas of the visible users (optionally one team), by month or by quarter. */
	@Transactional(readOnly = true)
	public QuotaGrid grid(Visibility visibility, Long teamId, int year, PeriodType type) {
		List<QuotaUser> users = quotaUsers(visibility, teamId);
		List<Period> periods = periodsOf(year, type);
		record Stored(long userId, LocalDate periodStart, BigDecimal amount, String currency) {
		}
		Map<String, Stored> stored = new HashMap<>();
		if (!users.isEmpty()) {
			jdbc.sql("""
					select user_id, period_start, amount, currency from quotas
					where period_type = :type and period_start >= :from and period_start < :to and user_id in (:users)
					""")
				.param("type", type.name())
				.param("from", periods.get(0).start())
				.param("to", periods.get(periods.size() - 1).end())
				.param("users", users.stream().map(QuotaUser::id).toList())
				.query(Stored.class)
				.list()
				.forEach(s -> stored.put(s.userId() + "_" + s.periodStart(), s));
		}
		List<QuotaGrid.Row> rows = new ArrayList<>();
		for (QuotaUser u : users) {
			List<QuotaGrid.Cell> cells = new ArrayList<>();
			for (Period p : periods) {
				Stored s = stored.get(u.id() + "_" + p.start());
				cells.add(new QuotaGrid.Cell(p, s == null ? null : s.amount(), s == null ? null : s.currency()));
			}
			rows.add(new QuotaGrid.Row(u.id(), u.fullName(), cells));
		}
		return new QuotaGrid(year, periods, rows);
	}

	/**
	 * Sets (or with a null amount removes) quotas, all or nothing.
	 *
	 * @throws NotFoundException for a user outside {@code visibility}
	 * @throws RuleViolationException {@code quota.amount.negative}, {@code quota.currency.invalid}
	 */
	@Transactional
	public void set(Visibility visibility, List<SetQuota> quotas) {
		if (quotas.isEmpty()) {
			return;
		}
		List<Long> allowed = quotaUsers(visibility, null).stream().map(QuotaUser::id).toList();
		for (SetQuota q : quotas) {
			if (!allowed.contains(q.userId())) {
				throw new NotFoundException("User", q.userId());
			}
			if (q.amount() != null && q.amount().signum() < 0) {
				throw new RuleViolationException("quota.amount.negative", "A quota can’t be negative");
			}
			if (q.amount() != null && (q.currency() == null || !q.currency().trim().matches("[A-Za-z]{3}"))) {
				throw new RuleViolationException("quota.currency.invalid", "A currency is three letters, e.g. EUR");
			}
		}
		for (SetQuota q : quotas) {
			LocalDate start = q.periodType().firstDay(q.day());
			if (q.amount() == null) {
				jdbc.sql("delete from quotas where user_id = ? and period_type = ? and period_start = ?")
					.params(q.userId(), q.periodType().name(), start)
					.update();
				continue;
			}
			jdbc.sql("""
					insert into quotas (user_id, period_type, period_start, amount, currency)
					values (?, ?, ?, ?, ?)
					on conflict (user_id, period_type, period_start) do update
					set amount = excluded.amount, currency = excluded.currency, version = quotas.version + 1,
					    updated_at = now()
					where (quotas.amount, quotas.currency) is distinct from (excluded.amount, excluded.currency)
					""")
				.params(q.userId(), q.periodType().name(), start, q.amount(), q.currency().trim().toUpperCase(Locale.ROOT))
				.update();
		}
	}

	static List<Period> periodsOf(int year, PeriodType type) {
		List<Period> periods = new ArrayList<>();
		Period p = new Period(type, LocalDate.of(year, 1, 1));
		while (p.start().getYear() == year) {
			periods.add(p);
			p = p.next();
		}
		return periods;
	}

	public record QuotaUser(long id, String fullName) {
	}
}
