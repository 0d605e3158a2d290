package org.opencrm.web.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The application's data source when a replica is configured: the primary pool, except
 * for a connection asked for inside {@link ReplicaReads} while the replica is usable.
 * Everything else (every write, every transaction begun outside a routed read, Flyway,
 * sessions, jobs) gets the primary. A replica that refuses a connection opens the circuit
 * and that read gets the primary.
 */
final class ReplicaRoutingDataSource extends DelegatingDataSource {

	private final Supplier<ReadReplica> replica;

	ReplicaRoutingDataSource(DataSource primary, Supplier<ReadReplica> replica) {
		super(primary);
		this.replica = replica;
	}

	@Override
	public Connection getConnection() throws SQLException {
		if (ReadReplica.routing()) {
			ReadReplica target = replica.get();
			if (target.usable()) {
				try {
					return target.connection();
				}
				catch (SQLException ex) {
					target.failed(ex);
				}
			}
		}
		return super.getConnection();
	}

}
