package org.opencrm.core.imports;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.opencrm.core.csv.CsvRecords;
import org.opencrm.core.csv.CsvRow;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.user.Visibility;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs an import's rows in batches: each batch is one transaction that writes its rows
 * through the target, logs what they did, and moves {@code last_line}, the counters and
 * the lease, so a crash loses at most the batch in flight and a resumed run starts after
 * the last committed one. A row the target's service refuses rolls its batch back; the
 * batch is run again without it, the row rejected with the service's message.
 */
@Component
class ImportBatches {

	private final JdbcClient jdbc;

	private final ImportFiles files;

	private final ImportSettings settings;

	private final ImportTargets targets;

	private final ImportLease lease;

	private final TransactionTemplate tx;

	ImportBatches(JdbcClient jdbc, ImportFiles files, ImportSettings settings, ImportTargets targets, ImportLease lease,
			PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.files = files;
		this.settings = settings;
		this.targets = targets;
		this.lease = lease;
		this.tx = new TransactionTemplate(transactions);
	}

	/** Reads the file from the start, skipping the lines committed before, to its end. */
	void run(ImportJob job, Visibility visibility, Consumer<CsvRow> beforeRow) throws IOException {
		Batch batch = new Batch(job, targets.of(job.recordType()), visibility, beforeRow,
				new ArrayList<>(settings.batchSize()), new RepeatedExternalIds(job));
		try (CsvRecords records = CsvRecords.open(files.open(job.id(), job.chunkCount()), job.dialect(),
				settings.maxLineBytes())) {
			records.expectFields(records.next().fields().size());
			CsvRow record;
			while ((record = records.next()) != null) {
				if (record.line() <= job.lastLine()) {
					batch.repeated().claim(record);
					continue;
				}
				batch.rows().add(record);
				if (batch.rows().size() == settings.batchSize()) {
					commit(batch);
					batch.rows().clear();
				}
			}
			if (!batch.rows().isEmpty()) {
				commit(batch);
			}
		}
		lease.finish(job.id(), "DONE");
	}

	/** One batch in one transaction, again without each row the service refused. */
	private void commit(Batch batch) {
		Map<Long, ImportOutcome> refused = new HashMap<>();
		while (true) {
			batch.repeated().begin();
			try {
				tx.executeWithoutResult(status -> write(batch, refused));
				return;
			}
			catch (RowRefused ex) {
				refused.put(ex.line, ex.outcome);
				// the try rolled back: its rows claim their external ids again
				batch.repeated().rollback();
			}
		}
	}

	private void write(Batch batch, Map<Long, ImportOutcome> refused) {
		ImportJob job = batch.job();
		long[] counts = new long[ImportOutcome.Kind.values().length];
		Entries logged = new Entries(batch.rows().size());
		Entries rejected = new Entries(0);
		for (CsvRow record : batch.rows()) {
			batch.beforeRow().accept(record);
			ImportOutcome repeated = batch.repeated().claim(record);
			ImportOutcome outcome = refused.get(record.line());
			ImportRow row = record.readable() ? job.toRow(record) : null;
			if (outcome == null) {
				outcome = job.precheck(record, row, batch.target().fields());
			}
			if (outcome == null) {
				outcome = repeated;
			}
			if (outcome == null) {
				try {
					outcome = batch.target().apply(row, job.matchKey(), batch.visibility(), false);
				}
				catch (RuleViolationException | NotFoundException | DataIntegrityViolationException ex) {
					throw RowRefused.of(record.line(), ex);
				}
			}
			counts[outcome.kind().ordinal()]++;
			switch (outcome.kind()) {
				case CREATE -> logged.add(record.line(), "CREATED", outcome.recordId(), null);
				case UPDATE -> logged.add(record.line(), "UPDATED", outcome.recordId(),
						ImportJobs.JSON.writeValueAsString(outcome.before()));
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
			.param("n", batch.rows().size())
			.param("c", counts[ImportOutcome.Kind.CREATE.ordinal()])
			.param("u", counts[ImportOutcome.Kind.UPDATE.ordinal()])
			.param("s", counts[ImportOutcome.Kind.UNCHANGED.ordinal()])
			.param("r", counts[ImportOutcome.Kind.REJECT.ordinal()])
			.param("line", batch.rows().get(batch.rows().size() - 1).line())
			.param("lease", lease.interval())
			.param("id", job.id())
			.param("node", lease.node())
			.update();
		if (moved == 0) {
			throw new ImportLease.Lost();
		}
	}

	private static String raw(CsvRow record, ImportJob job) {
		String raw = record.readable() ? String.join(String.valueOf(job.dialect().delimiter()), record.fields())
				: record.raw();
		return raw.length() > 2000 ? raw.substring(0, 2000) : raw;
	}

	/** What one run works with: the rows of the batch in flight among them. */
	private record Batch(ImportJob job, ImportTarget target, Visibility visibility, Consumer<CsvRow> beforeRow,
			List<CsvRow> rows, RepeatedExternalIds repeated) {
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

}
