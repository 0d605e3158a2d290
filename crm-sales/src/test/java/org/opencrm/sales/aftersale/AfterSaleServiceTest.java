package org.opencrm.sales.aftersale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.core.event.DealWon;
import org.opencrm.sales.SalesRows;
import org.opencrm.sales.settings.SalesSettings;
import org.opencrm.sales.settings.SalesSettingsService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@SpringBootTest
class AfterSaleServiceTest {

	/**
	 * Generous: the listener runs asynchronously on a machine shared with other builds.
	 */
	static final Duration PATIENCE = Duration.ofSeconds(30);

	@Autowired
	AfterSaleService afterSale;

	@Autowired
	SalesSettingsService settings;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	record ScheduledTask(String title, Instant dueAt, long assigneeId, Long accountId, Long contactId) {
	}

	@Test
	void aWonDealGetsOneFollowUpCallAndARepurchaseReminderPerRepeatProductOnlyOnce() {
		followUpAfter(14);
		var rows = new SalesRows(jdbc);
		long owner = rows.user("SALES_REP", null);
		long account = rows.account();
		long contact = rows.contact(account);
		var stages = rows.pipeline();
		long deal = rows.deal(stages, owner, account)
			.contact(contact)
			.won(Instant.parse("2030-11-14T08:00:00Z"))
			.insert();
		rows.lineItem(deal, rows.product("Toner", new BigDecimal("30"), 30), "4", "30");
		rows.lineItem(deal, rows.product("Printer", new BigDecimal("900"), null), "1", "900");
		rows.lineItem(deal, rows.product("Service plan", new BigDecimal("200"), 90), "1", "200");
		DealWon won = new DealWon(deal, account, contact, owner, new BigDecimal("1220"), "EUR",
				LocalDate.parse("2030-11-14"), null);

		List<Long> first = afterSale.schedule(won);
		List<Long> replay = afterSale.schedule(won);

		assertThat(first).hasSize(3);
		assertThat(replay).isEmpty();
		// Titles are messages in the owner's language; without crm-web's bundle they read
		// as
		// their keys (DealWonScenarioTest sees the English text).
		assertThat(tasksOf(deal)).containsExactly(
				new ScheduledTask("task.afterSale.followUp", Instant.parse("2030-11-28T09:00:00Z"), owner, account,
						contact),
				new ScheduledTask("task.repurchase", Instant.parse("2030-12-14T09:00:00Z"), owner, account, contact),
				new ScheduledTask("task.repurchase", Instant.parse("2031-02-12T09:00:00Z"), owner, account, contact));
	}

	@Test
	void theFollowUpDelayComesFromTheSettings() {
		followUpAfter(3);
		var rows = new SalesRows(jdbc);
		long owner = rows.user("SALES_REP", null);
		long account = rows.account();
		long deal = rows.deal(rows.pipeline(), owner, account).won(Instant.parse("2030-11-01T08:00:00Z")).insert();

		afterSale.schedule(
				new DealWon(deal, account, null, owner, BigDecimal.TEN, "EUR", LocalDate.parse("2030-11-01"), null));

		assertThat(tasksOf(deal)).singleElement()
			.satisfies(t -> assertThat(t.dueAt()).isEqualTo(Instant.parse("2030-11-04T09:00:00Z")));
		followUpAfter(14);
	}

	@Test
	void aPublishedDealWonIsHeardAfterCommitAndEachDeliverySchedulesNothingTwice() {
		followUpAfter(14);
		var rows = new SalesRows(jdbc);
		long owner = rows.user("SALES_REP", null);
		long account = rows.account();
		long deal = rows.deal(rows.pipeline(), owner, account).won(Instant.parse("2030-11-10T08:00:00Z")).insert();
		DealWon won = new DealWon(deal, account, null, owner, BigDecimal.TEN, "EUR", LocalDate.parse("2030-11-10"),
				null);

		transactions.executeWithoutResult(tx -> events.publishEvent(won));
		await().atMost(PATIENCE).until(() -> completedPublications(deal) == 1);
		// The registry re-sends what it doesn't know was handled: a second delivery must
		// change nothing.
		transactions.executeWithoutResult(tx -> events.publishEvent(won));
		await().atMost(PATIENCE).until(() -> completedPublications(deal) == 2);

		assertThat(tasksOf(deal)).singleElement()
			.satisfies(t -> assertThat(t.dueAt()).isEqualTo(Instant.parse("2030-11-24T09:00:00Z")));
	}

	private void followUpAfter(int days) {
		SalesSettings s = settings.get();
		settings.update(new SalesSettings(days, s.untouchedLeadDays(), s.version()));
	}

	private String dealName(long deal) {
		return jdbc.sql("select name from opportunities where id = ?").param(deal).query(String.class).single();
	}

	private List<ScheduledTask> tasksOf(long deal) {
		return jdbc.sql("""
				select title, due_at, assignee_id, account_id, contact_id from tasks
				where related_ref = ? order by due_at, id
				""").param("opportunity:" + deal).query(ScheduledTask.class).list();
	}

	private long completedPublications(long deal) {
		return jdbc.sql("""
				select count(*) from event_publication
				where event_type = ? and completion_date is not null
				  and (serialized_event::jsonb ->> 'opportunityId')::bigint = ?
				""").params(DealWon.class.getName(), deal).query(Long.class).single();
	}

}
