package org.opencrm.web.database;

import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.DataSourceUnwrapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a read once more when its database connection broke (see
 * {@link BrokenConnections}): a restart, fail-over or terminated backend kills every
 * pooled connection at once, so before the second run the pool's connections are evicted
 * (idle ones closed now, busy ones when returned) and the read gets a new one instead of
 * the next dead one. Only for reads — a write whose connection broke may or may not have
 * committed, so it is never repeated; its request answers the error page.
 */
@Component
public class ReadRetry {

	private static final Logger log = LoggerFactory.getLogger(ReadRetry.class);

	private final HikariDataSource pool;

	private final TransactionTemplate readOnly;

	ReadRetry(DataSource dataSource, PlatformTransactionManager transactions) {
		this.pool = DataSourceUnwrapper.unwrap(dataSource, HikariConfigMXBean.class, HikariDataSource.class);
		this.readOnly = new TransactionTemplate(transactions);
		this.readOnly.setReadOnly(true);
	}

	/**
	 * Runs {@code read}; on a broken connection evicts the pool and runs it again, once.
	 */
	public <T> T read(Supplier<T> read) {
		try {
			return read.get();
		}
		catch (RuntimeException ex) {
			if (!BrokenConnections.isBroken(ex)) {
				throw ex;
			}
			afterBrokenConnection(ex);
			return read.get();
		}
	}

	/**
	 * Runs a page's reads from several modules' read-only façades in one read-only
	 * transaction (each façade's own joins it): one {@code BEGIN}/{@code COMMIT} pair and
	 * one transaction set-up instead of one per façade, which the single-customer page
	 * paid 13 times. Run again, once, on a broken connection like any read.
	 */
	public void inOneReadOnlyTransaction(Runnable page) {
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			page.run();
			return;
		}
		read(() -> readOnly.execute(status -> {
			page.run();
			return null;
		}));
	}

	void afterBrokenConnection(Throwable ex) {
		log.warn("A read failed on a broken database connection ({}); evicting pooled connections and reading again",
				ex.getMessage());
		if (pool != null && pool.getHikariPoolMXBean() != null) {
			pool.getHikariPoolMXBean().softEvictConnections();
		}
	}

}
