package org.opencrm.web.security;

import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The transactions of Spring Session's statements. Spring Session runs each of its
 * operations in a new transaction of the application's transaction manager, which is
 * JPA's: the one read of the session on every request opened a Hibernate session and a
 * JPA transaction around a single SELECT (about 7 % of a small page's CPU, the SELECT
 * itself 4 %).
 * <p>
 * When the thread has no transaction of any kind (a request's own read and save in Spring
 * Session's filter, before and after everything else), the operation runs in a plain JDBC
 * transaction on the same pool: the same statements, the same commit. When it has one (a
 * service ending sessions inside its own transaction, {@code UserSessions}), nothing
 * changes: JPA's manager suspends it and starts a new one, as Spring Session has always
 * done. The JDBC manager is no bean, so Boot's JPA transaction manager stays the
 * application's only one.
 */
final class SessionTransactions implements TransactionOperations {

	private final DataSource dataSource;

	private final TransactionOperations alone;

	private final TransactionOperations besideAnother;

	SessionTransactions(DataSource dataSource, PlatformTransactionManager applications) {
		this.dataSource = dataSource;
		this.alone = requiresNew(new DataSourceTransactionManager(dataSource));
		this.besideAnother = requiresNew(applications);
	}

	/** Spring Session's own settings (JdbcHttpSessionConfiguration). */
	private static TransactionTemplate requiresNew(PlatformTransactionManager manager) {
		TransactionTemplate template = new TransactionTemplate(manager);
		template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		template.afterPropertiesSet();
		return template;
	}

	@Override
	public <T> T execute(TransactionCallback<T> action) throws TransactionException {
		return (alone() ? this.alone : this.besideAnother).execute(action);
	}

	/**
	 * Nothing transactional on this thread: no transaction, no synchronization and no
	 * connection bound to the pool (JPA's manager binds its connection without marking it
	 * as a JDBC transaction, so a JDBC manager beside it could commit it).
	 */
	boolean alone() {
		return !TransactionSynchronizationManager.isSynchronizationActive()
				&& !TransactionSynchronizationManager.isActualTransactionActive()
				&& !TransactionSynchronizationManager.hasResource(this.dataSource);
	}

}
