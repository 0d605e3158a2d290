package org.opencrm.core.dedupe;

import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The duplicate finder's background pass: walks every contact (or account, or lead — a
 * {@link DuplicateSource}) by id in batches of {@value #BATCH}, and for each looks up,
 * through the indexes, the records that look like it — the same e-mail (any case), the
 * same phone number (digits, an international 00 or + dropped: {@code phone_digits}), for
 * companies the same web domain, and a similar name (trigram similarity ≥
 * {@value #NAME_SIMILARITY}; people at the same account) — and stores each pair once in
 * {@code duplicate_candidates} with the strongest reason, unless someone said "not a
 * duplicate". Each batch is one transaction that also moves the pass's position and
 * renews its lease, so a pass survives a crash (the next claim resumes where it stopped)
 * and two nodes never run the same type's pass. It runs nightly
 * ({@code DuplicateScanning}) and when a manager asks for it.
 */
@Service
public class DuplicateScan {

	private static final Log log = LogFactory.getLog(DuplicateScan.class);

	static final int BATCH = 500;

	static final String NAME_SIMILARITY = "0.6";

	/**
	 * A common address (info@…) matches many: the first few pairs per record are enough.
	 */
	static final int PER_RECORD = 20;

	private static final Duration LEASE = Duration.ofMinutes(5);

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	private final Clock clock;

	private final String node = ManagementFactory.getRuntimeMXBean().getName() + "#" + System.identityHashCode(this);

	/**
	 * "Scan now" runs on a thread of its own (a daemon: a pass cut short by a shutdown
	 * resumes on the next run).
	 */
	private final SimpleAsyncTaskExecutor background = new SimpleAsyncTaskExecutor("duplicate-scan-");

	private final Map<RecordType, DuplicateSource> sources = new EnumMap<>(RecordType.class);

	DuplicateScan(JdbcClient jdbc, TransactionTemplate tx, Clock clock, List<DuplicateSource> sources) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.clock = clock;
		sources.forEach(s -> this.sources.put(s.type(), s));
		background.setDaemon(true);
	}

	/** The types this application finds duplicates of (leads only with sales). */
	public List<RecordType> types() {
		return List.of(RecordType.values())
			.stream()
			.filter(t -> t != RecordType.LEAD || sources.containsKey(t))
			.toList();
	}

	/**
	 * "Scan now": starts a pass on a background thread of this node; false when one is
	 * running already (here or on another node).
	 */
	public boolean start(RecordType type) {
		if (status(type).running()) {
			return false;
		}
		background.execute(() -> {
			try {
				run(type);
			}
			catch (RuntimeException ex) {
				// Logged by run(); the next pass resumes.
			}
		});
		return true;
	}

	/** The state of a type's scan, for the review page. */
	public record Status(boolean running, Instant finishedAt, long found) {
	}

	public Status status(RecordType type) {
		return jdbc.sql("""
				select running_until is not null and running_until > :now as running, finished_at, found
				from duplicate_scans where record_type = :type
				""")
			.param("now", Timestamp.from(clock.instant()))
			.param("type", type.code())
			.query((rs, n) -> new Status(rs.getBoolean(1),
					rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant(), rs.getLong(3)))
			.single();
	}

	/**
	 * Runs a whole pass over the type's records, unless another one holds the lease;
	 * returns the pairs stored (new or refreshed), or -1 when another pass was running.
	 */
	public long run(RecordType type) {
		if (!claim(type)) {
			return -1;
		}
		long found = 0;
		try {
			while (true) {
				Optional<Long> stored = tx.execute(s -> batch(type));
				if (stored == null || stored.isEmpty()) {
					return found;
				}
				found += stored.get();
			}
		}
		catch (RuntimeException ex) {
			log.warn("Duplicate scan of " + type.code() + "s stopped; the next run resumes", ex);
			release(type);
			throw ex;
		}
	}

	private boolean claim(RecordType type) {
		Instant now = clock.instant();
		return Boolean.TRUE.equals(tx.execute(s -> jdbc.sql("""
				update duplicate_scans
				set running_until = :lease, running_by = :node,
				    started_at = case when after_id = 0 then :now else started_at end,
				    found = case when after_id = 0 then 0 else found end
				where record_type = :type and (running_until is null or running_until < :now)
				""")
			.param("lease", Timestamp.from(now.plus(LEASE)))
			.param("node", node)
			.param("now", Timestamp.from(now))
			.param("type", type.code())
			.update() == 1));
	}

	private void release(RecordType type) {
		tx.executeWithoutResult(s -> jdbc
			.sql("update duplicate_scans set running_until = null where record_type = ? and running_by = ?")
			.params(type.code(), node)
			.update());
	}

	/**
	 * One batch after the pass's position: pairs stored, or empty when the pass is done
	 * (then marked finished) or the lease was lost to another node.
	 */
	private Optional<Long> batch(RecordType type) {
		Long after = jdbc
			.sql("select after_id from duplicate_scans where record_type = ? and running_by = ? for update")
			.params(type.code(), node)
			.query(Long.class)
			.optional()
			.orElse(null);
		if (after == null) {
			return Optional.empty();
		}
		String table = switch (type) {
			case CONTACT -> "contacts";
			case ACCOUNT -> "accounts";
			case LEAD -> source(type).table();
		};
		List<Long> ids = jdbc.sql("select id from " + table + " where id > ? order by id limit ?")
			.params(after, BATCH)
			.query(Long.class)
			.list();
		Instant now = clock.instant();
		if (ids.isEmpty()) {
			jdbc.sql("""
					update duplicate_scans set after_id = 0, running_until = null, finished_at = ?
					where record_type = ? and running_by = ?
					""").params(Timestamp.from(now), type.code(), node).update();
			return Optional.empty();
		}
		jdbc.sql("select set_config('pg_trgm.similarity_threshold', ?, true)")
			.param(NAME_SIMILARITY)
			.query((rs, n) -> 1)
			.list();
		String pairs = switch (type) {
			case CONTACT -> CONTACT_PAIRS;
			case ACCOUNT -> ACCOUNT_PAIRS;
			case LEAD -> SOURCE_PAIRS.formatted(source(type).pairs());
		};
		long stored = jdbc.sql(pairs)
			.param("type", type.code())
			.param("ids", ids.toArray(Long[]::new))
			.param("perRecord", PER_RECORD)
			.param("similarity", Double.parseDouble(NAME_SIMILARITY))
			.update();
		jdbc.sql("""
				update duplicate_scans set after_id = ?, running_until = ?, found = found + ?
				where record_type = ? and running_by = ?
				""")
			.params(ids.get(ids.size() - 1), Timestamp.from(now.plus(LEASE)), stored, type.code(), node)
			.update();
		return Optional.of(stored);
	}

	private DuplicateSource source(RecordType type) {
		DuplicateSource source = sources.get(type);
		if (source == null) {
			throw new IllegalStateException("No duplicate finder for " + type);
		}
		return source;
	}

	/**
	 * A {@link DuplicateSource}'s pairs, each once with its strongest reason, as the
	 * statements below store theirs.
	 */
	static final String SOURCE_PAIRS = """
			insert into duplicate_candidates (record_type, low_id, high_id, reason, score)
			select distinct on (p.low, p.high) :type, p.low, p.high, p.reason, p.score
			from (%s) p
			order by p.low, p.high, p.score desc
			on conflict (record_type, low_id, high_id) do update set reason = excluded.reason, score = excluded.score,
			  found_at = now()
			""";

	/**
	 * Each pair once (the smaller id first) with its strongest reason; dismissed pairs
	 * left out. Every look-up is an index probe: e-mail ({@code contacts_email_idx}),
	 * phone digits ({@code contacts_phone_digits_idx},
	 * {@code contacts_mobile_digits_idx}), and names within the account
	 * ({@code contacts_account_idx}).
	 */
	static final String CONTACT_PAIRS = """
			insert into duplicate_candidates (record_type, low_id, high_id, reason, score)
			select distinct on (p.low, p.high) 'contact', p.low, p.high, p.reason, p.score
			from (
			  select least(c.id, m.id) as low, greatest(c.id, m.id) as high, m.reason, m.score
			  from contacts c
			  cross join lateral (
			    (select o.id, 'email' as reason, 100 as score from contacts o
			     where c.email is not null and lower(o.email) = lower(trim(c.email)) and o.id <> c.id limit :perRecord)
			    union all
			    (select o.id, 'phone', 90 from contacts o, (select phone_digits(c.phone) as d union select phone_digits(c.mobile)) x
			     where length(x.d) >= 5 and (phone_digits(o.phone) = x.d or phone_digits(o.mobile) = x.d) and o.id <> c.id
			     limit :perRecord)
			    union all
			    (select o.id, 'name', (similarity(o.full_name, c.full_name) * 100)::int from contacts o
			     where c.account_id is not null and o.account_id = c.account_id and o.id <> c.id
			       and similarity(o.full_name, c.full_name) >= :similarity
			     limit :perRecord)
			  ) m
			  where c.id = any(:ids)
			) p
			where not exists (select 1 from contact_duplicate_dismissals d where d.contact_low = p.low and d.contact_high = p.high)
			order by p.low, p.high, p.score desc
			on conflict (record_type, low_id, high_id) do update set reason = excluded.reason, score = excluded.score,
			  found_at = now()
			""";

	/**
	 * Companies: e-mail, phone, the web domain without scheme, "www." and path
	 * ({@code accounts_domain_norm_idx}), and a similar name anywhere (the trigram index
	 * on {@code sort_name}).
	 */
	static final String ACCOUNT_PAIRS = """
			insert into duplicate_candidates (record_type, low_id, high_id, reason, score)
			select distinct on (p.low, p.high) 'account', p.low, p.high, p.reason, p.score
			from (
			  select least(c.id, m.id) as low, greatest(c.id, m.id) as high, m.reason, m.score
			  from accounts c
			  cross join lateral (
			    (select o.id, 'domain' as reason, 95 as score from accounts o
			     where o.domain is not null and c.domain is not null
			       and regexp_replace(lower(o.domain), '^(https?://)?(www\\.)?|/.*$', '', 'g')
			         = regexp_replace(lower(c.domain), '^(https?://)?(www\\.)?|/.*$', '', 'g')
			       and regexp_replace(lower(c.domain), '^(https?://)?(www\\.)?|/.*$', '', 'g') <> ''
			       and o.id <> c.id limit :perRecord)
			    union all
			    (select o.id, 'email', 100 from accounts o
			     where c.email is not null and lower(o.email) = lower(trim(c.email)) and o.id <> c.id limit :perRecord)
			    union all
			    (select o.id, 'phone', 90 from accounts o
			     where length(phone_digits(c.phone)) >= 5 and phone_digits(o.phone) = phone_digits(c.phone) and o.id <> c.id
			     limit :perRecord)
			    union all
			    (select o.id, 'name', (similarity(o.sort_name, c.sort_name) * 100)::int from accounts o
			     where o.sort_name % c.sort_name and o.id <> c.id limit :perRecord)
			  ) m
			  where c.id = any(:ids)
			) p
			where not exists (select 1 from account_duplicate_dismissals d where d.account_low = p.low and d.account_high = p.high)
			order by p.low, p.high, p.score desc
			on conflict (record_type, low_id, high_id) do update set reason = excluded.reason, score = excluded.score,
			  found_at = now()
			""";

}
