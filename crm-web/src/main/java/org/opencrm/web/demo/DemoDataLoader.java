package org.opencrm.web.demo;

import java.util.HashMap;
import java.util.List;
import java.util.Random;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.opencrm.core.demo.DemoContext;
import org.opencrm.core.demo.DemoDataContributor;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fills an empty database with the demo company, once: every module's contributor in
 * order, in one transaction, so a failed seed leaves nothing half-made. It runs before
 * the web server opens, so nobody signs in to a half-seeded demo.
 */
@Component
@ConditionalOnProperty(name = "crm.demo-data.enabled", havingValue = "true")
class DemoDataLoader implements SmartInitializingSingleton {

	private static final Log log = LogFactory.getLog(DemoDataLoader.class);

	private final List<DemoDataContributor> contributors;

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	DemoDataLoader(List<DemoDataContributor> contributors, JdbcClient jdbc, TransactionTemplate tx) {
		this.contributors = contributors;
		this.jdbc = jdbc;
		this.tx = tx;
	}

	@Override
	public void afterSingletonsInstantiated() {
		long start = System.nanoTime();
		boolean loaded = Boolean.TRUE.equals(tx.execute(status -> {
			// Several nodes may start on one empty database: one seeds, the others wait
			// and see it done.
			jdbc.sql("select pg_advisory_xact_lock(4242001)").query().singleRow();
			if (jdbc.sql("select count(*) from users").query(Long.class).single() > 0) {
				return false;
			}
			DemoContext ctx = new DemoContext(new Random(42), new HashMap<>());
			contributors.forEach(c -> c.contribute(ctx));
			return true;
		}));
		if (loaded) {
			// Who to sign in as is logged on every start, once the server is up
			// (ServingAt).
			log.info("Demo data loaded in " + (System.nanoTime() - start) / 1_000_000 + " ms");
		}
	}

}
