package org.opencrm.core.imports;

import java.lang.management.ManagementFactory;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * This node's hold on an {@code imports} row: claimed with a lease, renewed by each
 * committed batch (whose update names this node, so a node that lost the lease can't
 * write), given up when the import ends. {@link Lost} tells a batch the row was taken
 * over.
 */
@Component
class ImportLease {

	private final JdbcClient jdbc;

	private final ImportSettings settings;

	private final String node = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();

	ImportLease(JdbcClient jdbc, ImportSettings settings) {
		this.jdbc = jdbc;
		this.settings = settings;
	}

	/** This node's name in {@code lease_owner}. */
	String node() {
		return node;
	}

	/** The lease's length as an SQL interval, for {@code now() + cast(? as interval)}. */
	String interval() {
		return settings.lease().toMillis() + " milliseconds";
	}

	/** One import: queued, or running/reverting with an expired lease; null when none. */
	Long claim() {
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
			.param("lease", interval())
			.query(Long.class)
			.optional()
			.orElse(null);
	}

	/** Ends the import in {@code state} ({@code DONE}, {@code REVERTED}). */
	void finish(long id, String state) {
		int n = jdbc.sql("""
				update imports set state = ?, finished_at = now(), lease_owner = null, lease_until = null
				where id = ? and lease_owner = ?
				""").params(state, id, node).update();
		if (n == 0) {
			throw new Lost();
		}
	}

	/** Ends the import as failed, with the error. */
	void fail(long id, String error) {
		jdbc.sql(
				"""
						update imports set state = 'FAILED', error = ?, finished_at = now(), lease_owner = null, lease_until = null
						where id = ? and lease_owner = ?
						""")
			.params(error, id, node)
			.update();
	}

	/** Another node holds the import now: stop without writing. */
	static final class Lost extends RuntimeException {

		Lost() {
			super(null, null, false, false);
		}

	}

}
