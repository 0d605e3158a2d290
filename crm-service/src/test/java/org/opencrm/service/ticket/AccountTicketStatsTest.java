package org.opencrm.service.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.port.DataSubject;
import org.opencrm.service.ServiceTestData;
import org.opencrm.service.customer.ServiceCustomerSummary;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An account's ticket counts on its page come from {@code account_ticket_stats} (kept by
 * triggers on tickets), and always equal counting the account's tickets — after tickets
 * are opened (one by one and in bulk), change status and type, move between accounts (an
 * account merge) and contacts (a person merge), lose their person (erasure), lose or gain
 * an account, and are deleted. An account with no tickets left has no row.
 */
@SpringBootTest(properties = "crm.scheduling.enabled=false")
class AccountTicketStatsTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TicketMerge merge;

	@Autowired
	TicketPersonalData personalData;

	@Autowired
	ServiceCustomerSummary summary;

	record Counts(long accountId, long open, long complaints, long total) {
	}

	List<Counts> rollUp(List<Long> accounts) {
		return jdbc.sql("""
				select account_id, open, complaints, total from account_ticket_stats
				where account_id = any(:accounts) order by account_id
				""").param("accounts", accounts.toArray(Long[]::new)).query(Counts.class).list();
	}

	List<Counts> live(List<Long> accounts) {
		return jdbc
			.sql("""
					select account_id, count(*) filter (where status in ('NEW', 'OPEN', 'PENDING_CUSTOMER', 'ON_HOLD')) as open,
					       count(*) filter (where type = 'COMPLAINT') as complaints, count(*) as total
					from tickets where account_id = any(:accounts) group by account_id order by account_id
					""")
			.param("accounts", accounts.toArray(Long[]::new))
			.query(Counts.class)
			.list();
	}

	void assertRollUpIsLive(List<Long> accounts) {
		List<Counts> live = live(accounts);
		assertThat(rollUp(accounts)).isEqualTo(live);
		for (long account : accounts) {
			Counts expected = live.stream()
				.filter(c -> c.accountId() == account)
				.findFirst()
				.orElse(new Counts(account, 0, 0, 0));
			CustomerTickets shown = summary.forAccount(account).tickets();
			assertThat(new Counts(account, shown.openCount(), shown.complaintCount(), shown.totalCount()))
				.as("the page's counts of account " + account)
				.isEqualTo(expected);
		}
	}

	long ticket(Long account, Long contact, String type, String status) {
		return jdbc
			.sql("""
					insert into tickets (number, subject, type, priority, status, channel, account_id, contact_id, opened_at,
					  queue_sort_at)
					values (?, 'Counted', ?, 'NORMAL', ?, 'EMAIL', ?, ?, now(), now())
					returning id
					""")
			.params("AT-" + UUID.randomUUID().toString().substring(0, 12), type, status, account, contact)
			.query(Long.class)
			.single();
	}

	@Test
	void theCountsEqualTheTicketsAfterEveryKindOfWrite() {
		String u = ServiceTestData.unique();
		long a = ServiceTestData.account(jdbc, "Counted A " + u);
		long b = ServiceTestData.account(jdbc, "Counted B " + u);
		long c = ServiceTestData.account(jdbc, "Counted C " + u);
		List<Long> accounts = List.of(a, b, c);
		long ann = ServiceTestData.contact(jdbc, a, "Ann", "Counted" + u, "ann." + u + "@example.com");
		long bob = ServiceTestData.contact(jdbc, b, "Bob", "Counted" + u, "bob." + u + "@example.com");
		assertRollUpIsLive(accounts);

		long t1 = ticket(a, ann, "COMPLAINT", "NEW");
		long t2 = ticket(a, ann, "INCIDENT", "OPEN");
		long t3 = ticket(a, null, "SERVICE_REQUEST", "RESOLVED");
		long t4 = ticket(b, bob, "COMPLAINT", "PENDING_CUSTOMER");
		ticket(null, ann, "INCIDENT", "OPEN");
		assertRollUpIsLive(accounts);

		// Status and type changes; an update that changes nothing counted.
		jdbc.sql("update tickets set status = 'RESOLVED' where id = ?").param(t1).update();
		jdbc.sql("update tickets set status = 'OPEN', type = 'COMPLAINT' where id = ?").param(t3).update();
		jdbc.sql("update tickets set status = 'CLOSED' where id = ?").param(t1).update();
		jdbc.sql("update tickets set subject = 'Nothing counted changes', queue_sort_at = now() where account_id = ?")
			.param(a)
			.update();
		assertRollUpIsLive(accounts);

		// A ticket moves to another account, loses its account, gains one.
		jdbc.sql("update tickets set account_id = ? where id = ?").params(b, t2).update();
		jdbc.sql("update tickets set account_id = null where id = ?").param(t4).update();
		jdbc.sql("update tickets set account_id = ? where account_id is null and contact_id = ?")
			.params(c, ann)
			.update();
		assertRollUpIsLive(accounts);

		// Bulk: many tickets of two accounts in one statement, then all of one account
		// closed in one.
		jdbc.sql(
				"""
						insert into tickets (number, subject, type, priority, status, channel, account_id, opened_at, queue_sort_at)
						select 'ATB-' || g || '-' || ?, 'Bulk', case when g % 3 = 0 then 'COMPLAINT' else 'INCIDENT' end, 'NORMAL',
						       case g % 4 when 0 then 'NEW' when 1 then 'ON_HOLD' when 2 then 'RESOLVED' else 'CLOSED' end,
						       'EMAIL', case when g % 2 = 0 then ? else ? end, now(), now()
						from generate_series(1, 60) g
						""")
			.params(u, a, c)
			.update();
		assertRollUpIsLive(accounts);
		jdbc.sql("update tickets set status = 'CLOSED' where account_id = ? and status <> 'CLOSED'").param(c).update();
		assertRollUpIsLive(accounts);

		// An account merge (a's tickets become b's), a person merge and an erasure.
		merge.moveAccount(a, b);
		assertThat(rollUp(List.of(a))).as("a merged account leaves no row").isEmpty();
		merge.moveContact(ann, bob);
		personalData.erase(new DataSubject(bob, null, null, "Bob", "Counted" + u, List.of()));
		assertRollUpIsLive(accounts);

		// Deleted one by one and all at once: an account without tickets has no row.
		jdbc.sql("delete from tickets where id = ?").param(t3).update();
		assertRollUpIsLive(accounts);
		jdbc.sql("delete from tickets where account_id in (?, ?)").params(b, c).update();
		assertRollUpIsLive(accounts);
		assertThat(rollUp(accounts)).isEmpty();
	}

}
