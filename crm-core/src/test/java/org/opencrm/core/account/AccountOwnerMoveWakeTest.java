package org.opencrm.core.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencrm.core.TestData.anAccount;
import static org.opencrm.core.TestData.unique;

import org.junit.jupiter.api.Test;
import org.opencrm.core.TestData;
import org.opencrm.core.user.Visibility;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The job on a node where a large account changed hands starts when the change commits,
 * not at its next poll (an hour here, so only the change can have started it).
 */
@SpringBootTest(properties = { "crm.accounts.owner-moves.worker-enabled=true", "crm.accounts.owner-moves.poll=PT1H" })
class AccountOwnerMoveWakeTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AccountService accounts;

	@Test
	void aLargeAccountsContactsStartMovingWhenItsOwnerChangeCommits() throws InterruptedException {
		String u = unique();
		long repA = TestData.user(jdbc, "wake-a-" + u, "Anton " + u);
		long repB = TestData.user(jdbc, "wake-b-" + u, "Berta " + u);
		long big = accounts.create(anAccount("Wake Big " + u).owner(repA).build());
		jdbc.sql("""
				insert into contacts (first_name, last_name, account_id, lifecycle_stage)
				select 'Wa' || g, 'Ke' || ?, ?, 'LEAD' from generate_series(1, 600) g
				""").params(u, big).update();
		long version = jdbc.sql("select version from accounts where id = ?").param(big).query(Long.class).single();

		accounts.update(big, TestData.withVersion(anAccount("Wake Big " + u).owner(repB).build(), version),
				Visibility.all());

		long deadline = System.nanoTime() + 30_000_000_000L;
		// The last batch moves the last contacts; the one after it finds none and ends
		// the
		// move (the queue row goes): wait for both.
		while ((waiting(big, repB) > 0 || queued(big) > 0) && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		assertThat(waiting(big, repB)).as("contacts not yet with the new owner").isZero();
		assertThat(queued(big)).as("the move ended").isZero();
	}

	private long queued(long account) {
		return jdbc.sql("select count(*) from account_owner_moves where account_id = ?")
			.param(account)
			.query(Long.class)
			.single();
	}

	private long waiting(long account, long owner) {
		return jdbc.sql("select count(*) from contacts where account_id = ? and access_owner_id is distinct from ?")
			.params(account, owner)
			.query(Long.class)
			.single();
	}

}
