package org.opencrm.sales.myday;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.opencrm.core.shared.CappedCount;
import org.opencrm.sales.SalesRows;
import org.opencrm.sales.settings.SalesSettings;
import org.opencrm.sales.settings.SalesSettingsService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** "Now" is Thursday 14 November 2030, 10:00 UTC (the test application's fixed clock). */
@SpringBootTest
class MyDayServiceTest {

	static final Instant NOW = Instant.parse("2030-11-14T10:00:00Z");

	@Autowired
	MyDayService myDay;

	@Autowired
	SalesSettingsService settings;

	@Autowired
	JdbcClient jdbc;

	@Test
	void listsOverdueAndTodaysTasksDealsClosingThisMonthAndUntouchedLeads() {
		var rows = new SalesRows(jdbc);
		long me = rows.user("SALES_REP", null);
		long other = rows.user("SALES_REP", null);
		untouchedAfter(7);
		long yesterday = task(me, "2030-11-13T09:00:00Z", "OPEN");
		long thisMorning = task(me, "2030-11-14T08:00:00Z", "OPEN");
		long thisAfternoon = task(me, "2030-11-14T15:00:00Z", "OPEN");
		task(me, "2030-11-15T09:00:00Z", "OPEN");
		task(me, "2030-11-12T09:00:00Z", "DONE");
		task(other, "2030-11-13T09:00:00Z", "OPEN");

		var stages = rows.pipeline();
		long account = rows.account();
		long endOfMonth = rows.deal(stages, me, account).closing(LocalDate.parse("2030-11-30")).insert();
		long slipped = rows.deal(stages, me, account).closing(LocalDate.parse("2030-11-02")).insert();
		rows.deal(stages, me, account).closing(LocalDate.parse("2030-12-01")).insert();
		rows.deal(stages, me, account).won(Instant.parse("2030-11-10T10:00:00Z")).insert();
		rows.deal(stages, other, account).closing(LocalDate.parse("2030-11-20")).insert();

		long tenDaysQuiet = rows.lead(me, "NEW", daysAgo(10), null);
		long eightDaysQuiet = rows.lead(me, "QUALIFIED", daysAgo(30), daysAgo(8));
		rows.lead(me, "WORKING", daysAgo(30), daysAgo(2));
		rows.lead(me, "NEW", daysAgo(3), null);
		rows.lead(me, "DISQUALIFIED", daysAgo(20), null);
		rows.lead(other, "NEW", daysAgo(20), null);

		MyDay day = myDay.forUser(me, 10);

		assertThat(day.overdue()).extracting(MyDay.DayTask::id).containsExactly(yesterday, thisMorning);
		assertThat(day.today()).extracting(MyDay.DayTask::id).containsExactly(thisAfternoon);
		assertThat(day.closing()).extracting(MyDay.ClosingDeal::id).containsExactly(slipped, endOfMonth);
		assertThat(day.untouchedLeads()).extracting(MyDay.UntouchedLead::id)
			.containsExactly(tenDaysQuiet, eightDaysQuiet);
		assertThat(day.untouchedDays()).isEqualTo(7);
		assertThat(day.moreTasks()).isFalse();
		assertThat(day.counts()).isEqualTo(new MyDay.Counts(exactly(2), exactly(1), exactly(2), exactly(2)));
		assertThat(day.overdue().get(0).daysOverdue(NOW)).isPositive();
	}

	@Test
	void theUntouchedLeadThresholdComesFromTheSettings() {
		var rows = new SalesRows(jdbc);
		long me = rows.user("SALES_REP", null);
		long nineDaysQuiet = rows.lead(me, "NEW", daysAgo(9), null);
		rows.lead(me, "WORKING", daysAgo(40), daysAgo(5));

		untouchedAfter(4);
		assertThat(myDay.forUser(me, 10).untouchedLeads()).hasSize(2);
		untouchedAfter(7);
		assertThat(myDay.forUser(me, 10).untouchedLeads()).extracting(MyDay.UntouchedLead::id)
			.containsExactly(nineDaysQuiet);
	}

	@Test
	void longListsAreCutAtTheLimitAndSaySoThereIsMore() {
		var rows = new SalesRows(jdbc);
		long me = rows.user("SALES_REP", null);
		for (int i = 1; i <= 5; i++) {
			task(me, "2030-11-1" + i + "T07:00:00Z", "OPEN");
		}
		MyDay day = myDay.forUser(me, 2);
		assertThat(day.overdue()).hasSize(2);
		assertThat(day.moreTasks()).isTrue();
		// The heading counts every overdue task, not the two shown.
		assertThat(day.counts().overdue()).isEqualTo(exactly(4));
	}

	@Test
	void todaysTasksAreListedEvenBehindALongOverdueList() {
		var rows = new SalesRows(jdbc);
		long me = rows.user("SALES_REP", null);
		for (int i = 1; i <= 5; i++) {
			task(me, "2030-11-0" + i + "T07:00:00Z", "OPEN");
		}
		long thisAfternoon = task(me, "2030-11-14T15:00:00Z", "OPEN");

		MyDay day = myDay.forUser(me, 2);

		assertThat(day.overdue()).hasSize(2);
		assertThat(day.today()).extracting(MyDay.DayTask::id).containsExactly(thisAfternoon);
		assertThat(day.moreTasks()).isTrue();
		assertThat(day.counts().overdue()).isEqualTo(exactly(5));
		assertThat(day.counts().today()).isEqualTo(exactly(1));
	}

	@Test
	void theCountsStopAtTheCapWhateverTheNumberOfRows() {
		var rows = new SalesRows(jdbc);
		long me = rows.user("SALES_REP", null);
		int cap = CappedCount.HEADING_CAP;
		jdbc.sql("""
				insert into tasks (title, due_at, assignee_id, status)
				select 'Task ' || g, timestamptz '2030-11-10 09:00Z' + make_interval(mins => g), ?, 'OPEN'
				from generate_series(1, ?) g
				""").params(me, cap + 1).update();
		jdbc.sql("""
				insert into tasks (title, due_at, assignee_id, status)
				select 'Task ' || g, timestamptz '2030-11-14 11:00Z' + make_interval(secs => g), ?, 'OPEN'
				from generate_series(1, ?) g
				""").params(me, cap).update();

		MyDay day = myDay.forUser(me, 10);

		assertThat(day.counts().overdue()).isEqualTo(new CappedCount(cap, true));
		assertThat(day.counts().today()).isEqualTo(exactly(cap));
		assertThat(day.overdue()).hasSize(10);
		assertThat(day.today()).hasSize(10);
	}

	private static CappedCount exactly(long n) {
		return new CappedCount(n, false);
	}

	private void untouchedAfter(int days) {
		SalesSettings s = settings.get();
		settings.update(new SalesSettings(s.followUpDays(), days, s.version()));
	}

	private long task(long assignee, String due, String status) {
		return jdbc.sql("""
				insert into tasks (title, due_at, assignee_id, status, completed_at)
				values ('Task', ?, ?, ?, case when ? = 'DONE' then now() end) returning id
				""").params(Timestamp.from(Instant.parse(due)), assignee, status, status).query(Long.class).single();
	}

	private static Instant daysAgo(int days) {
		return NOW.minus(Duration.ofDays(days));
	}

}
