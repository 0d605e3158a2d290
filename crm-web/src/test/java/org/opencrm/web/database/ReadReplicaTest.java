package org.opencrm.web.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencrm.web.Logins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The read replica on real parts: a throwaway primary and a streaming replica of it made
 * with {@code pg_basebackup -R} ({@link LocalStreamingReplica}). Routed pages (dashboard,
 * reports and their CSV, CSAT report, at-risk list) read the replica — shown by pausing
 * its replay and changing a record on the primary: the report still shows the old name
 * while the record page shows the new one; writes go to the primary and a write inside a
 * routed read is refused; a lagging or stopped replica leaves readiness DEGRADED (200)
 * and every page answering from the primary; a good probe sends reads back to it.
 */
@SpringBootTest(properties = { "crm.test.own-database=true", "crm.embedded-db.enabled=false",
		"crm.demo-data.enabled=true", "crm.marketing.scheduler.enabled=false",
		"crm.service.mail.scheduler-enabled=false", "crm.mail.outbox.scheduler-enabled=false",
		"crm.tasks.reminders.enabled=false", "crm.health.scheduler.enabled=false",
		// The test probes itself, at the moments it needs.
		"crm.datasource.replica.probe-interval=1h", "crm.datasource.replica.max-lag=1s" })
@AutoConfigureMockMvc
@DirtiesContext
class ReadReplicaTest {

	static final LocalStreamingReplica clusters = LocalStreamingReplica.start();

	@DynamicPropertySource
	static void primaryAndReplica(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", clusters::primaryUrl);
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> "");
		registry.add("spring.datasource.hikari.maximum-pool-size", () -> "3");
		registry.add("crm.datasource.replica.url", clusters::replicaUrl);
		registry.add("crm.datasource.replica.username", () -> "postgres");
		registry.add("crm.datasource.replica.password", () -> "");
		registry.add("crm.datasource.replica.maximum-pool-size", () -> "2");
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	ReplicaReads replicaReads;

	@Autowired
	ReadReplica replica;

	@Test
	void routedPagesReadTheReplicaWritesStayOnThePrimaryAndThePrimaryServesWhenTheReplicaLagsOrIsGone()
			throws Exception {
		long owner = jdbc.sql("select owner_id from accounts where owner_id is not null order by id limit 1")
			.query(Long.class)
			.single();
		String report = "/reports/customer-revenue?user=" + owner;
		// The account the report lists first (it shows a page of 50 rows).
		Matcher first = Pattern.compile("data-label=\"Account id\">(\\d+)<").matcher(page(report, "admin"));
		assertThat(first.find()).isTrue();
		long account = Long.parseLong(first.group(1));
		rename(account, "Replica Check Before");
		awaitReplicaShows(account, "Replica Check Before");
		awaitState(ReadReplica.State.UP);

		// Routed reads run on the standby; everything else, and a read inside a write
		// transaction, on the primary.
		assertThat(routedReadOnStandby()).isTrue();
		assertThat(inRecovery()).isFalse();
		Boolean inWriteTransaction = tx.execute(status -> replicaReads.read(this::inRecovery));
		assertThat(inWriteTransaction).isFalse();
		// A write that slipped into a routed read is refused, never applied.
		assertThatThrownBy(() -> replicaReads
			.read(() -> jdbc.sql("update accounts set name = 'Wrong' where id = ?").param(account).update()))
			.hasStackTraceContaining("read-only transaction");
		assertThat(name(account)).isEqualTo("Replica Check Before");

		// Replay paused, the name changed on the primary: the report (replica) shows the
		// old name, the record page (primary: read your own write) the new one.
		sql("select pg_wal_replay_pause()");
		rename(account, "Replica Check After");
		assertThat(page(report, "admin")).contains("Replica Check Before").doesNotContain("Replica Check After");
		assertThat(csv("/reports/customer-revenue.csv?user=" + owner)).contains("Replica Check Before")
			.doesNotContain("Replica Check After");
		assertThat(page("/accounts/" + account, "admin")).contains("Replica Check After");
		// The other routed pages answer from the replica (read-only transactions there).
		page("/dashboard", "manager");
		page("/service/csat", "manager");
		page("/analytics/at-risk", "manager");
		// A write from a page goes to the primary while the replica is in use.
		mvc.perform(post("/reports/customer-revenue/views").param("name", "Replica view")
			.param("user", String.valueOf(owner))
			.with(csrf())
			.with(as(users, "admin"))).andExpect(status().is3xxRedirection());
		assertThat(
				jdbc.sql("select count(*) from saved_reports where name = 'Replica view'").query(Long.class).single())
			.isOne();

		// Further behind than max-lag: reads go to the primary, readiness is degraded.
		awaitState(ReadReplica.State.LAGGING);
		assertThat(page(report, "admin")).contains("Replica Check After");
		readinessIs("DEGRADED");

		// Caught up: back to the replica.
		sql("select pg_wal_replay_resume()");
		awaitState(ReadReplica.State.UP);
		readinessIs("UP");
		assertThat(routedReadOnStandby()).isTrue();

		// The replica stops: the first routed read finds out and every page answers from
		// the primary.
		clusters.stopReplica();
		rename(account, "Replica Check Gone");
		assertThat(page(report, "admin")).contains("Replica Check Gone");
		assertThat(replica.status().state()).isEqualTo(ReadReplica.State.DOWN);
		assertThat(csv("/reports/customer-revenue.csv?user=" + owner)).contains("Replica Check Gone");
		page("/dashboard", "manager");
		page("/service/csat", "manager");
		page("/analytics/at-risk", "manager");
		readinessIs("DEGRADED");

		// It comes back: the next probe routes reads to it again.
		clusters.startReplica();
		awaitState(ReadReplica.State.UP);
		assertThat(routedReadOnStandby()).isTrue();
		readinessIs("UP");
	}

	private boolean routedReadOnStandby() {
		Boolean standby = replicaReads.read(this::inRecovery);
		return standby;
	}

	private boolean inRecovery() {
		return jdbc.sql("select pg_is_in_recovery()").query(Boolean.class).single();
	}

	private void rename(long account, String name) {
		jdbc.sql("update accounts set name = ? where id = ?").params(name, account).update();
	}

	private String name(long account) {
		return jdbc.sql("select name from accounts where id = ?").param(account).query(String.class).single();
	}

	private String page(String path, String user) throws Exception {
		return mvc.perform(get(path).with(as(users, user)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private String csv(String path) throws Exception {
		MvcResult started = mvc.perform(get(path).with(as(users, "admin")))
			.andExpect(request().asyncStarted())
			.andReturn();
		return mvc.perform(asyncDispatch(started))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private void readinessIs(String state) throws Exception {
		mvc.perform(get("/actuator/health/readiness"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value(state));
	}

	/** Runs SQL on the replica itself (pausing and resuming its replay). */
	private void sql(String statement) throws SQLException {
		try (Connection c = clusters.replicaConnection(); Statement st = c.createStatement()) {
			st.execute(statement);
		}
	}

	private void awaitReplicaShows(long account, String name) {
		await("the replica to replay the rename", () -> {
			try (Connection c = clusters.replicaConnection();
					Statement st = c.createStatement();
					ResultSet rs = st.executeQuery("select name from accounts where id = " + account)) {
				return rs.next() && name.equals(rs.getString(1));
			}
			catch (SQLException ex) {
				return false;
			}
		});
	}

	private void awaitState(ReadReplica.State state) {
		await("replica " + state, () -> {
			replica.probe();
			return replica.status().state() == state;
		});
	}

	private static void await(String what, BooleanSupplier condition) {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
		while (!condition.getAsBoolean()) {
			if (Instant.now().isAfter(deadline)) {
				throw new AssertionError("timed out waiting for " + what);
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
	}

}
