package org.opencrm.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.EntityManagerFactory;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Spring Session's statements run in a JDBC transaction of their own when nothing else is
 * open, and in a new JPA transaction beside another as before; the application's
 * transaction manager and template are still JPA's.
 */
@WebIntegrationTest
class SessionTransactionsTest {

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	TransactionOperations template;

	@Autowired
	JdbcIndexedSessionRepository sessions;

	@Autowired
	DataSource dataSource;

	@Autowired
	EntityManagerFactory entityManagers;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theApplicationKeepsJpasTransactionManagerAndTemplate() {
		assertThat(this.transactions).isInstanceOf(JpaTransactionManager.class);
		assertThat(this.template).isInstanceOf(TransactionTemplate.class);
		assertThat(((TransactionTemplate) this.template).getTransactionManager()).isSameAs(this.transactions);
		assertThat(ReflectionTestUtils.getField(this.sessions, "transactionOperations"))
			.isInstanceOf(SessionTransactions.class);
	}

	@Test
	void aloneTheSessionsStatementsRunInAJdbcTransactionWithoutJpa() {
		SessionTransactions sessionTransactions = new SessionTransactions(this.dataSource, this.transactions);

		sessionTransactions.execute(status -> {
			assertThat(TransactionSynchronizationManager.isActualTransactionActive()).isTrue();
			assertThat(TransactionSynchronizationManager.getResource(this.dataSource))
				.isInstanceOf(ConnectionHolder.class);
			assertThat(TransactionSynchronizationManager.hasResource(this.entityManagers)).isFalse();
			return null;
		});
	}

	@Test
	void besideAnotherTransactionTheyNeitherJoinNorCommitIt() {
		SessionTransactions sessionTransactions = new SessionTransactions(this.dataSource, this.transactions);
		String id = UUID.randomUUID().toString();
		TransactionTemplate outer = new TransactionTemplate(this.transactions);

		outer.executeWithoutResult(status -> {
			this.jdbc.sql("""
					insert into spring_session (primary_id, session_id, creation_time, last_access_time,
					  max_inactive_interval, expiry_time) values (?, ?, 0, 0, 60, 0)""").params(id, id).update();
			sessionTransactions.execute(inner -> {
				// A new JPA transaction on another connection: the outer one's row is not
				// visible.
				assertThat(TransactionSynchronizationManager.hasResource(this.entityManagers)).isTrue();
				assertThat(this.jdbc.sql("select count(*) from spring_session where primary_id = ?")
					.param(id)
					.query(Long.class)
					.single()).isZero();
				return null;
			});
			status.setRollbackOnly();
		});

		assertThat(this.jdbc.sql("select count(*) from spring_session where primary_id = ?")
			.param(id)
			.query(Long.class)
			.single()).isZero();
	}

}
