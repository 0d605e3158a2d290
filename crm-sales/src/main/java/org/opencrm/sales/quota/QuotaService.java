package org.opencrm.sales.quota;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.Rows;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.SqlWhere;
import org.opencrm.core.shared.StaleEditException;
import org.opencrm.core.user.Visibility;
import org.opencrm.sales.shared.Scopes;
import org.opencrm.sales.shared.Period;
import org.opencrm.sales.shared.PeriodType;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Quotas per rep per month or quarter. A quota is an aggregate ({@link Quota}: its rules,
 * one write path through {@link QuotaRepository}); the grid reads SQL rows. A grid of
 * cells is saved in one go without per-cell versions, so there the last save of a cell
 * wins; a single cell saved with the version its editor saw conflicts when stale. Each
 * change bumps the row's version.
 */
@Service
public class QuotaService {

	/** Who carries a quota: sales reps and managers (managers sell too). */
	static final String QUOTA_ROLES = "('SALES_REP', 'MANAGER')";

	private final JdbcClient jdbc;

	private final QuotaRepository quotas;

	QuotaService(JdbcClient jdbc, QuotaRepository quotas) {
		this.jdbc = jdbc;
		this.quotas = quotas;
	}

	/**
	 * The users whose quotas {@code visibility} may see, optionally of one team, by name.
	 */
	@Transactional(readOnly = true)
	public List<QuotaUser> quotaUsers(Visibility visibility, Long teamId) {
		SqlWhere where = new SqlWhere().and("u.enabled").and("u.role in " + QUOTA_ROLES);
		Scopes.restrict(where, visibility, "u.id", teamId, null);
		return where
			.bind(jdbc.sql("select u.id, u.full_name from users u" + where.sql() + " order by u.full_name, u.id"))
			.query(Rows.of(QuotaUser.class))
			.list();
	}

	/**
	 * A year's quotas of the visible users (optionally one team), by month or by quarter.
	 */
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
				.query(Rows.of(Stored.class))
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
	 * @throws NotFoundException for a user outside {@code visibility}
	 * @throws RuleViolationException {@code money.currency.invalid},
	 * {@code money.amount.required}, {@code money.amount.negative}
	 * @throws StaleEditException for a cell whose {@link SetQuota#version()} is not the
	 * stored one
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
			if (q.amount() != null) {
				Quota.requireValid(q.amount(), q.currency());
			}
		}
		// One read for the whole grid rather than one per cell.
		Map<String, Quota> loaded = new HashMap<>();
		this.quotas
			.findByUserIdInAndPeriodStartIn(quotas.stream().map(SetQuota::userId).toList(),
					quotas.stream().map(q -> q.periodType().firstDay(q.day())).toList())
			.forEach(quota -> loaded.put(quota.key(), quota));
		try {
			quotas.forEach(q -> write(q, loaded));
			// Flush now so a concurrent change of the same cell fails here, as a
			// conflict.
			this.quotas.flush();
		}
		catch (DataIntegrityViolationException concurrentInsert) {
			// Someone else set a quota of the same rep and period meanwhile (identity
			// inserts run at once).
			throw new StaleEditException("Quota", null, -1, 0);
		}
	}

	private void write(SetQuota q, Map<String, Quota> loaded) {
		Optional<Quota> stored = Optional.ofNullable(loaded.get(Quota.key(q.userId(), q.periodType(), q.day())));
		if (q.version() != null) {
			// No quota yet reads as version -1, like an account that is no partner yet.
			stored.ifPresentOrElse(s -> s.checkVersion(q.version()), () -> {
				if (q.version() != -1) {
					throw new StaleEditException("Quota", null, q.version(), -1);
				}
			});
		}
		if (q.amount() == null) {
			stored.ifPresent(this.quotas::delete);
		}
		else if (stored.isPresent()) {
			stored.get().change(q.amount(), q.currency());
		}
		else {
			Quota quota = this.quotas.save(new Quota(q.userId(), q.periodType(), q.day(), q.amount(), q.currency()));
			loaded.put(quota.key(), quota);
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
