package org.opencrm.web.database;

import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Read-only work that may run on the streaming replica
 * ({@code crm.datasource.replica.*}): the callers say so explicitly, page by page — the
 * manager dashboard, reports and their CSV exports, the CSAT report and the at-risk
 * customers, which may lag the primary by {@code max-lag}. Record pages, lists, boards
 * and queues stay on the primary: a record saved a moment ago must show on the next page.
 * <p>
 * The work runs in one read-only transaction on a replica connection. Without a replica,
 * while it is unusable (down, lagging, not a standby), or when a transaction is already
 * open on this thread (its connection is the primary's, and a write may precede the
 * read), the work runs on the primary, in one read-only transaction of its own unless one
 * is already open. Writes can't reach the replica: a standby refuses them, the pool and
 * the transaction are read-only, and nothing outside this class is ever routed.
 */
@Component
public class ReplicaReads {

	private final ObjectProvider<ReadReplica> replica;

	private final TransactionTemplate readOnly;

	ReplicaReads(ObjectProvider<ReadReplica> replica, PlatformTransactionManager transactions) {
		this.replica = replica;
		this.readOnly = new TransactionTemplate(transactions);
		this.readOnly.setReadOnly(true);
	}

	/**
	 * Runs side-effect-free {@code work} (it builds and returns what a page shows) on the
	 * replica when usable. A replica connection that breaks midway opens the circuit and
	 * the work runs again on the primary, so the page still answers.
	 */
	public <T> T read(Supplier<T> work) {
		ReadReplica target = routable();
		if (target == null) {
			return inOneTransaction(work);
		}
		try {
			return ReadReplica.routed(() -> readOnly.execute(status -> work.get()));
		}
		catch (RuntimeException ex) {
			if (!BrokenConnections.isBroken(ex)) {
				throw ex;
			}
			target.failed(ex);
			return inOneTransaction(work);
		}
	}

	/**
	 * On the primary too the work reads in one read-only transaction: one BEGIN and
	 * COMMIT for the page, not one per module service it asks (the manager dashboard asks
	 * ten), and its figures from one snapshot.
	 */
	private <T> T inOneTransaction(Supplier<T> work) {
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			return work.get();
		}
		return readOnly.execute(status -> work.get());
	}

	/**
	 * Runs {@code work} that hands rows on as it reads them (a CSV export streamed to the
	 * client) on the replica when usable. It goes to the primary when the replica can't
	 * give a connection; a replica failing midway fails the work, since what was already
	 * sent can't be taken back.
	 */
	public void stream(Runnable work) {
		ReadReplica target = routable();
		if (target == null) {
			work.run();
			return;
		}
		try {
			ReadReplica.routed(() -> readOnly.execute(status -> {
				work.run();
				return null;
			}));
		}
		catch (RuntimeException ex) {
			if (BrokenConnections.isBroken(ex)) {
				target.failed(ex);
			}
			throw ex;
		}
	}

	private ReadReplica routable() {
		ReadReplica target = replica.getIfAvailable();
		if (target == null || !target.usable() || TransactionSynchronizationManager.isActualTransactionActive()) {
			return null;
		}
		return target;
	}

}
