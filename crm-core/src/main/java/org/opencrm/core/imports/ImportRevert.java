package org.opencrm.core.imports;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.user.Visibility;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Undoes an import from its log, newest entry first, a batch per transaction, marking
 * each entry as it goes (so a node taking over goes on where the last one stopped). An
 * entry the target's service refuses to undo is kept, and the import's error says how
 * many were and why.
 */
@Component
class ImportRevert {

	private final JdbcClient jdbc;

	private final ImportSettings settings;

	private final ImportTargets targets;

	private final ImportLease lease;

	private final TransactionTemplate tx;

	ImportRevert(JdbcClient jdbc, ImportSettings settings, ImportTargets targets, ImportLease lease,
			PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.settings = settings;
		this.targets = targets;
		this.lease = lease;
		this.tx = new TransactionTemplate(transactions);
	}

	void revert(ImportJob job, Visibility visibility) {
		ImportTarget target = targets.of(job.recordType());
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
					tx.executeWithoutResult(status -> undo(job, target, entries, visibility, refused));
					break;
				}
				catch (RowRefused ex) {
					refused.put(ex.line, ex.outcome.reason());
				}
			}
		}
		lease.finish(job.id(), "REVERTED");
	}

	private void undo(ImportJob job, ImportTarget target, List<LogEntry> entries, Visibility visibility,
			Map<Long, String> refused) {
		int undone = 0;
		for (LogEntry e : entries) {
			if (!refused.containsKey(e.id())) {
				try {
					if ("CREATED".equals(e.action())) {
						target.undoCreate(e.recordId(), visibility);
					}
					else {
						target.undoUpdate(e.recordId(), ImportJobs.JSON.readValue(e.before(), ImportJobs.VALUES),
								visibility);
					}
					undone++;
				}
				catch (RuleViolationException | NotFoundException | DataIntegrityViolationException ex) {
					throw RowRefused.of(e.id(), ex);
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
			.params(undone, lease.interval(),
					refused.isEmpty() ? null
							: refused.size() + " change(s) could not be undone: " + refused.values().iterator().next(),
					job.id(), lease.node())
			.update();
		if (moved == 0) {
			throw new ImportLease.Lost();
		}
	}

	private record LogEntry(long id, String action, long recordId, String before) {
	}

}
