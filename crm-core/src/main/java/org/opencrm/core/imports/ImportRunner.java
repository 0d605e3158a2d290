package org.opencrm.core.imports;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.opencrm.core.csv.CsvRecords;
import org.opencrm.core.csv.CsvRow;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.UserService;
import org.opencrm.core.user.UserSummary;
import org.opencrm.core.user.Visibility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs queued imports and reverts, one at a time per call, on whichever node claims them:
 * a claim is a lease on the {@code imports} row; each batch of rows is one transaction
 * that also moves {@code last_line} and the counters and renews the lease, so a crash
 * loses at most the batch in flight (rolled back whole) and the next node to find the
 * lease expired goes on after the last committed batch. A row the target's service
 * refuses rolls its batch back; the batch is then run again without it, the row rejected
 * with the service's message.
 */
@Component
public class ImportRunner {

	private static final Logger log = LoggerFactory.getLogger(ImportRunner.class);

	private final JdbcClient jdbc;

	private final ImportService imports;

	private final ImportFiles files;

	private final ImportSettings settings;

	private final UserService users;

	private final TransactionTemplate tx;

	private final String node = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();

	/** Called before each row is written; tests make a node "die" here. */
	Consumer<CsvRow> beforeRow = row -> {
	};

	ImportRunner(JdbcClient jdbc, ImportService imports, ImportFiles files, ImportSettings settings, UserService users,
			PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.imports = imports;
		this.files = files;
		this.settings = settings;
		this.users = users;
		this.tx = new TransactionTemplate(transactions);
	}

	/**
	 * Claims one import (queued, or running/reverting with an expired lease) and works it
	 * to the end.
	 */
	public boolean runOnce() {
		Long id = claim();
		if (id == null) {
			return false;
		}
		ImportJob job = imports.job(id);
		UserSummary owner = users.getUser(job.createdBy());
		CrmUser user = new CrmUser(owner.id(), owner.username(), owner.fullName(), owner.role(), owner.teamId(), null,
				true);
		var context = SecurityContextHolder.getContext();
		SecurityContextHolder.getContext()
			.setAuthentication(new UsernamePasswordAuthenticationToken(user, null, user.getAuthorities()));
		try {
			if ("REVERTING".equals(job.state())) {
				revert(job, Visibility.of(user));
			}
			else {
				run(job, Visibility.of(user));
			}
		}
		catch (LeaseLost ex) {
			log.info("Import {}: another node took it over", id);
		}
		catch (RuntimeException | IOException ex) {
			log.warn("Import {} failed", id, ex);
			jdbc.sql(
					"""
							update imports set state = 'FAILED', error = ?, finished_at = now(), lease_owner = null, lease_until = null
							where id = ? and lease_owner = ?
							""")
				.params(String.valueOf(ex.getMessage()), id, node)
				.update();
		}
		finally {
			SecurityContextHolder.clearContext();
			SecurityContextHolder.setContext(context);
		}
		return true;
	}

	private Long claim() {
		return jdbc
			.sql("""
					update imports set state = case when state = 'QUEUED' then 'RUNNING' else state end,
					       lease_owner = :node, lease_until = now() + cast(:lease as interval)
					where id = (select id from imports
					            where state = 'QUEUED' or (state in ('RUNNING', 'REVERTING') and (lease_until is null or lease_until < now()))
					            order by id limit 1 for update skip locked)
					returning id
					""")
			.param("node", node)
			.param("lease", settings.lease().toMillis() + " milliseconds")
			.query(Long.class)
			.optional()
			.orElse(null);
	}

	private void run(ImportJob job, Visibility visibility) throws IOException {
		ImportTarget target = imports.targetOf(job.recordType());
		try (CsvRecords records = CsvRecords.open(files.open(job.id(), job.chunkCount()), job.dialect(),
				settings.maxLineBytes())) {
			records.expectFields(records.next().fields().size());
			List<CsvRow> batch = new ArrayList<>(settings.batchSize());
			CsvRow record;
			while ((record = records.next()) != null) {
				if (record.line() <= job.lastLine()) {
					continue;
				}
				batch.add(record);
				if (batch.size() == settings.batchSize()) {
					commit(job, target, batch, visibility);
					batch.clear();
				}
			}
			if (!batch.isEmpty()) {
				commit(job, target, batch, visibility);
			}
		}
		finish(job.id(), "DONE");
	}

	/** One batch in one transaction, again without each row the service refused. */
	private void commit(ImportJob job, ImportTarget target, List<CsvRow> batch, Visibility visibility) {
		Map<Long, ImportOutcome> refused = new HashMap<>();
		while (true) {
			try {
				tx.executeWithoutResult(status -> writeBatch(job, target, batch, visibility, refused));
				return;
			}
			catch (RowRefused ex) {
				refused.put(ex.line, ex.outcome);
			}
		}
	}

	private void writeBatch(ImportJob job, ImportTarget target, List<CsvRow> batch, Visibility visibility,
			Map<Long, ImportOutcome> refused) {
		long[] counts = new long[ImportOutcome.Kind.values().length];
		Entries logged = new Entries(batch.size());
		Entries rejected = new Entries(0);
		for (CsvRow record : batch) {
			beforeRow.accept(record);
			ImportOutcome outcome = refused.get(record.line());
			ImportRow row = record.readable() ? job.toRow(record) : null;
			if (outcome == null) {
				outcome = job.precheck(record, row, target.fields());
			}
			if (outcome == null) {
				try {
					outcome = target.apply(row, job.matchKey(), visibility, false);
				}
				catch (RuleViolationException | NotFoundException | DataIntegrityViolationException ex) {
					throw new RowRefused(record.line(), ImportOutcome.reject(null, refusalKey(ex), message(ex)));
				}
			}
			counts[outcome.kind().ordinal()]++;
			switch (outcome.kind()) {
				case CREATE -> logged.add(record.line(), "CREATED", outcome.recordId(), null);
				case UPDATE -> logged.add(record.line(), "UPDATED", outcome.recordId(),
						ImportService.JSON.writeValueAsString(outcome.before()));
				case REJECT -> rejected.add(record.line(), outcome.column(), outcome.reasonKey(), outcome.reason(),
						raw(record, job));
				case UNCHANGED -> {
				}
			}
		}
		// One statement each for the batch's log and rejects.
		if (!logged.isEmpty()) {
			jdbc.sql("""
					insert into import_log (import_id, line, action, record_id, before)
					select ?, u.line, u.action, u.record_id, u.before::jsonb
					from unnest(?::bigint[], ?::text[], ?::bigint[], ?::text[]) as u(line, action, record_id, before)
					""").params(job.id(), logged.longs(0), logged.texts(1), logged.longs(2), logged.texts(3)).update();
		}
		if (!rejected.isEmpty()) {
			jdbc.sql("""
					insert into import_rejects (import_id, line, column_name, reason_key, reason, raw)
					select ?, u.line, u.column_name, u.reason_key, u.reason, u.raw
					from unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[])
					       as u(line, column_name, reason_key, reason, raw)
					""")
				.params(job.id(), rejected.longs(0), rejected.texts(1), rejected.texts(2), rejected.texts(3),
						rejected.texts(4))
				.update();
		}
		int moved = jdbc.sql("""
				update imports set processed = processed + :n, created_count = created_count + :c,
				       updated_count = updated_count + :u, unchanged_count = unchanged_count + :s,
				       rejected_count = rejected_count + :r, last_line = :line,
				       lease_until = now() + cast(:lease as interval)
				where id = :id and lease_owner = :node and state = 'RUNNING'
				""")
			.param("n", batch.size())
			.param("c", counts[ImportOutcome.Kind.CREATE.ordinal()])
			.param("u", counts[ImportOutcome.Kind.UPDATE.ordinal()])
			.param("s", counts[ImportOutcome.Kind.UNCHANGED.ordinal()])
			.param("r", counts[ImportOutcome.Kind.REJECT.ordinal()])
			.param("line", batch.get(batch.size() - 1).line())
			.param("lease", settings.lease().toMillis() + " milliseconds")
			.param("id", job.id())
			.param("node", node)
			.update();
		if (moved == 0) {
			throw new LeaseLost();
		}
	}

	private static String raw(CsvRow record, ImportJob job) {
		String raw = record.readable() ? String.join(String.valueOf(job.dialect().delimiter()), record.fields())
				: record.raw();
		return raw.length() > 2000 ? raw.substring(0, 2000) : raw;
	}

	private static String refusalKey(RuntimeException ex) {
		if (ex instanceof RuleViolationException rule) {
			return rule.code();
		}
		return ex instanceof NotFoundException ? "import.notFound" : "import.conflict";
	}

	private static String message(RuntimeException ex) {
		String m = ex instanceof DataIntegrityViolationException ? "The database refused the row." : ex.getMessage();
		return m == null ? ex.getClass().getSimpleName() : m;
	}

	/**
	 * Undoes the log backwards, a batch per transaction, marking each entry as it goes.
	 */
	private void revert(ImportJob job, Visibility visibility) {
		ImportTarget target = imports.targetOf(job.recordType());
		while (true) {
			List<LogEntry> entries = jdbc.sql("""
					select id, action, record_id, before from import_log
					where import_id = ? and not reverted order by id desc limit ?
					""")
				.params(job.id(), settings.batchSize())
				.query((rs, n) -> new LogEntry(rs.getLong("id"), rs.getString("action"), rs.getLong("record_id"),
						rs.getString("before")))
				.list();
			if (entries.isEmpty()) {
				break;
			}
			Map<Long, String> refused = new HashMap<>();
			while (true) {
				try {
					tx.executeWithoutResult(status -> revertBatch(job, target, entries, visibility, refused));
					break;
				}
				catch (RowRefused ex) {
					refused.put(ex.line, ex.outcome.reason());
				}
			}
		}
		finish(job.id(), "REVERTED");
	}

	private void revertBatch(ImportJob job, ImportTarget target, List<LogEntry> entries, Visibility visibility,
			Map<Long, String> refused) {
		int undone = 0;
		for (LogEntry e : entries) {
			if (!refused.containsKey(e.id())) {
				try {
					if ("CREATED".equals(e.action())) {
						target.undoCreate(e.recordId(), visibility);
					}
					else {
						target.undoUpdate(e.recordId(), ImportService.JSON.readValue(e.before(), ImportService.VALUES),
								visibility);
					}
					undone++;
				}
				catch (RuleViolationException | NotFoundException | DataIntegrityViolationException ex) {
					throw new RowRefused(e.id(), ImportOutcome.reject(null, null, message(ex)));
				}
			}
		}
		jdbc.sql("update import_log set reverted = true where id = any(?)")
			.param(entries.stream().map(LogEntry::id).toArray(Long[]::new))
			.update();
		int moved = jdbc.sql("""
				update imports set reverted_count = reverted_count + ?, lease_until = now() + cast(? as interval),
				       error = coalesce(?, error)
				where id = ? and lease_owner = ? and state = 'REVERTING'
				""")
			.params(undone, settings.lease().toMillis() + " milliseconds",
					refused.isEmpty() ? null
							: refused.size() + " change(s) could not be undone: " + refused.values().iterator().next(),
					job.id(), node)
			.update();
		if (moved == 0) {
			throw new LeaseLost();
		}
	}

	private void finish(long id, String state) {
		int n = jdbc.sql("""
				update imports set state = ?, finished_at = now(), lease_owner = null, lease_until = null
				where id = ? and lease_owner = ?
				""").params(state, id, node).update();
		if (n == 0) {
			throw new LeaseLost();
		}
	}

	/** Rows for one multi-row insert, column by column. */
	private static final class Entries {

		private final List<Object[]> rows;

		Entries(int expected) {
			this.rows = new ArrayList<>(expected);
		}

		void add(Object... row) {
			rows.add(row);
		}

		boolean isEmpty() {
			return rows.isEmpty();
		}

		Long[] longs(int column) {
			return rows.stream().map(r -> (Long) r[column]).toArray(Long[]::new);
		}

		String[] texts(int column) {
			return rows.stream().map(r -> (String) r[column]).toArray(String[]::new);
		}

	}

	private record LogEntry(long id, String action, long recordId, String before) {
	}

	private static final class RowRefused extends RuntimeException {

		private final long line;

		private final ImportOutcome outcome;

		RowRefused(long line, ImportOutcome outcome) {
			super(null, null, false, false);
			this.line = line;
			this.outcome = outcome;
		}

	}

	private static final class LeaseLost extends RuntimeException {

		LeaseLost() {
			super(null, null, false, false);
		}

	}

}
