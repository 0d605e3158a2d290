package org.opencrm.web.database;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.util.Set;

/**
 * Whether a failure means the database connection broke (the server restarted, a
 * fail-over, {@code pg_terminate_backend}, the network): SQLState class 08 (connection
 * exception), 57P01–57P03 (the server shut the session down or is starting), the driver's
 * connection exception types, or Hikari's "Connection is closed" (a connection it marked
 * broken: the rollback after the failure meets it and its exception replaces the first
 * one), anywhere in the cause chain or among the suppressed. Such a failure says nothing
 * about the statement, so a read may run again on a new connection. A pool that is merely
 * exhausted (Hikari's timeout without a connection error) is not one: running the request
 * again would only add load.
 */
final class BrokenConnections {

	private static final Set<String> SERVER_ENDED_SESSION = Set.of("57P01", "57P02", "57P03");

	private static final String HIKARI_CLOSED = "com.zaxxer.hikari.pool.ProxyConnection$ClosedConnection";

	private BrokenConnections() {
	}

	static boolean isBroken(Throwable failure) {
		return isBroken(failure, 0);
	}

	private static boolean isBroken(Throwable failure, int depth) {
		for (Throwable t = failure; t != null && depth < 20; t = t.getCause() == t ? null : t.getCause(), depth++) {
			if (t instanceof SQLRecoverableException || t instanceof SQLNonTransientConnectionException) {
				return true;
			}
			if (t instanceof SQLException sql && (brokenState(sql) || closedByHikari(sql))) {
				return true;
			}
			for (Throwable suppressed : t.getSuppressed()) {
				if (isBroken(suppressed, depth + 1)) {
					return true;
				}
			}
		}
		return false;
	}

	private static boolean brokenState(SQLException sql) {
		int n = 0;
		for (SQLException next = sql; next != null && n < 10; next = next.getNextException(), n++) {
			String state = next.getSQLState();
			if (state != null && (state.startsWith("08") || SERVER_ENDED_SESSION.contains(state))) {
				return true;
			}
		}
		return false;
	}

	private static boolean closedByHikari(SQLException sql) {
		StackTraceElement[] trace = sql.getStackTrace();
		return trace.length > 0 && trace[0].getClassName().startsWith(HIKARI_CLOSED);
	}

}
