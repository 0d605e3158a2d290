package org.opencrm.core.health;

import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.opencrm.core.port.AccountSignals;
import org.opencrm.core.port.AnalyticsRefresh;
import org.opencrm.core.port.CustomerSignals;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Computes and stores customer health, in batches of {@value #BATCH} accounts: one
 * statement per {@link CustomerSignals} module for the batch, the score in Java
 * ({@link HealthScoring}), one upsert for the batch. Never on page view: the schedule
 * ({@code HealthScheduling}) runs {@link #recomputeChanged()} every few minutes and
 * {@link #dailyFullPass()} once a day; admins may ask for {@link #recomputeAll()}; the
 * demo seed computes everything once.
 * <p>
 * Several nodes: changed accounts are claimed with {@code FOR UPDATE SKIP LOCKED} (each
 * claim row goes to one node); a full pass holds a lease on the
 * {@code customer_health_jobs} row, so a second one (another node, or "recompute now"
 * twice) doesn't start while it runs.
 */
@Service
@EnableConfigurationProperties(HealthSettings.class)
public class HealthRecompute {

	private static final Log log = LogFactory.getLog(HealthRecompute.class);

	static final int BATCH = 1000;

	/** Signals counted "recently" look this far back. */
	static final Duration WINDOW = Duration.ofDays(90);

	private static final Duration LEASE = Duration.ofMinutes(10);

	private static final JsonMapper JSON = JsonMapper.shared();

	private final JdbcClient jdbc;

	private final ObjectProvider<CustomerSignals> signals;

	private final ObjectProvider<AnalyticsRefresh> refreshes;

	private final TransactionTemplate tx;

	private final Clock clock;

	private final String currency;

	private final String node = ManagementFactory.getRuntimeMXBean().getName();

	HealthRecompute(JdbcClient jdbc, ObjectProvider<CustomerSignals> signals,
			ObjectProvider<AnalyticsRefresh> refreshes, TransactionTemplate tx, Clock clock, HealthSettings settings) {
		this.jdbc = jdbc;
		this.signals = signals;
		this.refreshes = refreshes;
		this.tx = tx;
		this.clock = clock;
		this.currency = settings.currency();
	}

	/**
	 * Recomputes these accounts now (ids of deleted accounts are skipped); returns how
	 * many were given.
	 */
	public int recompute(Collection<Long> accountIds) {
		List<Long> ids = List.copyOf(new TreeSet<>(accountIds));
		for (int from = 0; from < ids.size(); from += BATCH) {
			List<Long> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
			tx.executeWithoutResult(s -> computeBatch(batch.toArray(Long[]::new)));
		}
		return ids.size();
	}

	/**
	 * Recomputes the accounts marked by {@link HealthChanges} since they were last
	 * claimed, a batch per transaction, until none are left; returns how many distinct
	 * accounts this call computed.
	 */
	public int recomputeChanged() {
		int total = 0;
		while (true) {
			Integer n = tx.execute(s -> {
				List<Long> claimed = jdbc.sql("""
						delete from customer_health_changes where id in (
						  select id from customer_health_changes order by id limit :limit for update skip locked)
						returning account_id
						""").param("limit", BATCH).query(Long.class).list();
				if (claimed.isEmpty()) {
					return -1;
				}
				Long[] ids = new TreeSet<>(claimed).toArray(Long[]::new);
				computeBatch(ids);
				return ids.length;
			});
			if (n == null || n < 0) {
				return total;
			}
			total += n;
		}
	}

	/**
	 * Once a day (by the date of the application's clock): a full pass unless one ran
	 * today.
	 */
	public boolean dailyFullPass() {
		return fullPass(true);
	}

	/**
	 * Every account, then every {@link AnalyticsRefresh}; false (and nothing done) when a
	 * full pass is running already, on this node or another.
	 */
	public boolean recomputeAll() {
		return fullPass(false);
	}

	/** Whether a full pass holds the lease right now. */
	public boolean fullPassRunning() {
		return Boolean.TRUE.equals(jdbc.sql("select running_until > ? from customer_health_jobs where job = 'full'")
			.param(Timestamp.from(clock.instant()))
			.query(Boolean.class)
			.optional()
			.orElse(false));
	}

	private boolean fullPass(boolean daily) {
		Instant now = clock.instant();
		LocalDate today = LocalDate.now(clock);
		Boolean claimed = tx.execute(s -> jdbc.sql("""
				update customer_health_jobs set running_until = :lease, running_by = :node
				where job = 'full' and (running_until is null or running_until < :now)
				""" + (daily ? " and (last_full_on is null or last_full_on < :today)" : ""))
			.param("lease", Timestamp.from(now.plus(LEASE)))
			.param("node", node)
			.param("now", Timestamp.from(now))
			.param("today", today)
			.update() == 1);
		if (!Boolean.TRUE.equals(claimed)) {
			return false;
		}
		long start = System.nanoTime();
		int accounts = 0;
		// Changes marked before the pass starts are covered by it; later ones wait for
		// the next incremental run.
		long coveredChanges = jdbc.sql("select coalesce(max(id), 0) from customer_health_changes")
			.query(Long.class)
			.single();
		try {
			long after = 0;
			while (true) {
				long from = after;
				Long[] ids = tx.execute(s -> {
					Long[] batch = jdbc.sql("select id from accounts where id > ? order by id limit ?")
						.params(from, BATCH)
						.query(Long.class)
						.list()
						.toArray(Long[]::new);
					if (batch.length > 0) {
						computeBatch(batch);
						jdbc.sql("update customer_health_jobs set running_until = ? where job = 'full'")
							.param(Timestamp.from(clock.instant().plus(LEASE)))
							.update();
					}
					return batch;
				});
				if (ids == null || ids.length == 0) {
					break;
				}
				accounts += ids.length;
				after = ids[ids.length - 1];
			}
			refreshes.orderedStream().forEach(r -> tx.executeWithoutResult(s -> r.refresh()));
			tx.executeWithoutResult(
					s -> jdbc.sql("delete from customer_health_changes where id <= ?").param(coveredChanges).update());
		}
		finally {
			tx.executeWithoutResult(s -> jdbc.sql("""
					update customer_health_jobs set running_until = null, running_by = null, last_full_on = ?,
					       last_full_at = ?
					where job = 'full'
					""").params(today, Timestamp.from(clock.instant())).update());
		}
		log.info("Customer health: full pass over " + accounts + " accounts in "
				+ (System.nanoTime() - start) / 1_000_000 + " ms");
		return true;
	}

	/**
	 * One batch: a statement per module, the scores, one upsert. Call inside a
	 * transaction.
	 */
	void computeBatch(Long[] accountIds) {
		Instant now = clock.instant();
		LocalDate today = LocalDate.now(clock);
		Map<Long, AccountSignals> merged = new LinkedHashMap<>();
		for (Long id : accountIds) {
			merged.put(id, AccountSignals.none(id));
		}
		CustomerSignals.Request request = new CustomerSignals.Request(accountIds, now, now.minus(WINDOW), currency);
		signals.orderedStream().forEach(module -> {
			for (AccountSignals s : module.forAccounts(request)) {
				merged.computeIfPresent(s.accountId(), (id, sum) -> sum.plus(s));
			}
		});
		int n = merged.size();
		Long[] ids = new Long[n];
		Integer[] scores = new Integer[n];
		String[] bands = new String[n];
		String[] rfms = new String[n];
		Integer[] recency = new Integer[n];
		Integer[] frequency = new Integer[n];
		String[] monetary = new String[n];
		String[] factors = new String[n];
		int i = 0;
		for (AccountSignals s : merged.values()) {
			HealthScoring.Computed c = HealthScoring.score(s, today, currency);
			ids[i] = c.accountId();
			scores[i] = c.score();
			bands[i] = c.band().name();
			rfms[i] = c.rfm().name();
			recency[i] = c.recencyDays();
			frequency[i] = c.frequency();
			monetary[i] = c.monetary().toPlainString();
			factors[i] = JSON.writeValueAsString(c.factors());
			i++;
		}
		// Accounts deleted meanwhile drop out by the join; previous_score keeps the score
		// before the last change.
		jdbc.sql(
				"""
						insert into customer_health (account_id, score, band, rfm_segment, recency_days, frequency, monetary,
						                             factors, computed_at)
						select u.account_id, u.score, u.band, u.rfm, u.recency, u.frequency, u.monetary::numeric, u.factors::jsonb, ?
						from unnest(?::bigint[], ?::int[], ?::text[], ?::text[], ?::int[], ?::int[], ?::text[], ?::text[])
						       as u(account_id, score, band, rfm, recency, frequency, monetary, factors)
						join accounts a on a.id = u.account_id
						order by u.account_id
						on conflict (account_id) do update set
						  previous_score = case when customer_health.score <> excluded.score then customer_health.score
						                        else customer_health.previous_score end,
						  score = excluded.score, band = excluded.band, rfm_segment = excluded.rfm_segment,
						  recency_days = excluded.recency_days, frequency = excluded.frequency, monetary = excluded.monetary,
						  factors = excluded.factors, computed_at = excluded.computed_at
						""")
			.params(Timestamp.from(now), ids, scores, bands, rfms, recency, frequency, monetary, factors)
			.update();
	}

}
