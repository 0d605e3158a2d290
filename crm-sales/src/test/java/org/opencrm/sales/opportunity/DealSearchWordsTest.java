package org.opencrm.sales.opportunity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencrm.core.port.RecordMerge;
import org.opencrm.core.shared.Like;
import org.opencrm.core.user.Visibility;
import org.opencrm.sales.SalesRows;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code deal_search_words} (kept by triggers on opportunities and accounts) holds
 * exactly each white-space word of every deal's name and its account's name with the
 * deal's owner and close date, and the search box finds through it what matching the text
 * over the deals and their accounts finds ({@code ilike}, the user's deals, the first ten
 * by close date): after inserts, renamed deals and accounts, owner and close date
 * changes, a deal moving account, an account merge and deletes; for a rep, a manager and
 * an admin; behind many namesakes.
 */
@SpringBootTest
class DealSearchWordsTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	OpportunityList deals;

	@Autowired
	List<RecordMerge> merges;

	@Autowired
	PlatformTransactionManager transactions;

	SalesRows rows;

	String u;

	long ada;

	long ben;

	long outsider;

	long team;

	SalesRows.Stages stages;

	long schmidt;

	long nord;

	final List<Long> mine = new ArrayList<>();

	@BeforeEach
	void deals() {
		rows = new SalesRows(jdbc);
		u = SalesRows.unique();
		team = rows.team();
		ada = rows.user("SALES_REP", team);
		ben = rows.user("MANAGER", team);
		outsider = rows.user("SALES_REP", rows.team());
		stages = rows.pipeline();
		schmidt = account("Schmidt" + u + " Data AG", ada);
		nord = account("Nord" + u + " Werke GmbH", null);
		mine.add(deal(ada, schmidt, LocalDate.of(2031, 3, 1)));
		mine.add(deal(ben, schmidt, LocalDate.of(2031, 2, 1)));
		mine.add(deal(outsider, schmidt, LocalDate.of(2031, 1, 1)));
		mine.add(deal(ada, nord, LocalDate.of(2031, 4, 1)));
		mine.add(deal(outsider, nord, LocalDate.of(2031, 5, 1)));
		jdbc.sql("update opportunities set name = ? where id = ?")
			.params("Renewal Goldschmidt" + u + " 2031", mine.get(3))
			.update();
	}

	@Test
	void insertedDealsHaveTheirWordsAndAreFoundAsByTheirNames() {
		assertSameAsTheDeals();
		assertThat(found("schmidt" + u, Visibility.all())).containsExactly(mine.get(2), mine.get(1), mine.get(0),
				mine.get(3));
		assertThat(found("SCHMIDT" + u.toUpperCase(), new Visibility(Visibility.Scope.OWN, ada, team)))
			.containsExactly(mine.get(0), mine.get(3));
	}

	@Test
	void renamedDealsAndAccountsOwnerAndCloseDateChangesAndMovesChangeTheWords() {
		jdbc.sql("update opportunities set name = ? where id = ?")
			.params("Pilot Nordschmidt" + u, mine.get(4))
			.update();
		jdbc.sql("update opportunities set name = 'Upgrade 2032' where id = ?").param(mine.get(3)).update();
		assertSameAsTheDeals();
		jdbc.sql("update accounts set name = ? where id = ?").params("Schmitz" + u + " Data  AG", schmidt).update();
		assertSameAsTheDeals();
		assertThat(found("schmidt" + u, Visibility.all())).containsExactly(mine.get(4));
		jdbc.sql("update opportunities set owner_id = ? where id = ?").params(ada, mine.get(2)).update();
		jdbc.sql("update opportunities set close_date = date '2030-01-01' where id = ?").param(mine.get(4)).update();
		jdbc.sql("update opportunities set owner_id = ?, close_date = date '2029-06-01' where id = ?")
			.params(outsider, mine.get(1))
			.update();
		jdbc.sql("update opportunities set account_id = ? where id = ?").params(nord, mine.get(0)).update();
		jdbc.sql("update opportunities set stage_id = ? where id = ?").params(stages.propose(), mine.get(3)).update();
		assertSameAsTheDeals();
	}

	@Test
	void mergedAndDeletedDealsLeaveNoWords() {
		jdbc.sql(
				"""
						insert into opportunities (name, account_id, pipeline_id, stage_id, status, amount, currency, owner_id,
						                           forecast_category, close_date)
						select 'Bulk ' || g || ' Schmidt' || ?, ?, ?, ?, 'OPEN', 100, 'EUR', case when g % 2 = 0 then ? else ? end,
						       'PIPELINE', date '2031-12-20' + g
						from generate_series(1, 12) g
						""")
			.params(u, nord, stages.pipeline(), stages.qualify(), ada, outsider)
			.update();
		mine.addAll(jdbc.sql("select id from opportunities where account_id = ? and name like 'Bulk %'")
			.param(nord)
			.query(Long.class)
			.list());
		assertSameAsTheDeals();
		// As the merge tool does: every module moves its rows, then the account goes.
		new TransactionTemplate(transactions).executeWithoutResult(tx -> {
			merges.forEach(merge -> merge.moveAccount(nord, schmidt));
			jdbc.sql("delete from accounts where id = ?").param(nord).update();
		});
		assertSameAsTheDeals();
		assertThat(found("nord" + u, Visibility.all())).isEmpty();
		jdbc.sql("delete from opportunities where id = any(?)").param(mine.subList(0, 8).toArray(Long[]::new)).update();
		assertSameAsTheDeals();
		jdbc.sql("delete from opportunities where account_id = ?").param(schmidt).update();
		assertSameAsTheDeals();
		assertThat(jdbc.sql("select count(*) from deal_words where word like ?")
			.param("%" + u + "%")
			.query(Long.class)
			.single()).as("words no deal has any more").isZero();
	}

	@Test
	void theFirstDealsByCloseDateAreFoundBehindManyNamesakes() {
		// 40 of the outsider's before any of Ada's, 40 of Ada's, one of hers last.
		jdbc.sql("""
				insert into opportunities (name, account_id, pipeline_id, stage_id, status, amount, currency, owner_id,
				                           forecast_category, close_date)
				select 'Namesake ' || g, ?, ?, ?, 'OPEN', 100, 'EUR', case when g <= 40 then ? else ? end,
				       'PIPELINE', date '2020-01-01' + g
				from generate_series(1, 80) g
				""").params(schmidt, stages.pipeline(), stages.qualify(), outsider, ada).update();
		mine.addAll(jdbc.sql("select id from opportunities where account_id = ? and name like 'Namesake %'")
			.param(schmidt)
			.query(Long.class)
			.list());
		long last = deal(ada, nord, LocalDate.of(2040, 1, 1));
		jdbc.sql("update opportunities set name = ? where id = ?").params("Expansion Schmidt" + u, last).update();
		mine.add(last);
		assertSameAsTheDeals();
		Visibility adaSees = new Visibility(Visibility.Scope.OWN, ada, team);
		assertThat(found("schmidt" + u, adaSees)).hasSize(10).doesNotContain(last);
		assertThat(jdbc.sql("select count(*) from opportunities where id = any(?) and owner_id = ?")
			.params(found("schmidt" + u, adaSees).toArray(Long[]::new), ada)
			.query(Long.class)
			.single()).isEqualTo(10);
	}

	/**
	 * Thousands of deals sharing words, updated and deleted in one statement each, and
	 * their account renamed: their links stay exactly their words, and the words no deal
	 * has any more (a name word all of them lost, the account's old name, then all of
	 * their words) are gone after each statement.
	 */
	@Test
	void oneStatementUpdatingOrDeletingThousandsOfDealsSharingAWordLeavesNoWordBehind() {
		long export = account("Export" + u + " Handel", ben);
		jdbc.sql("""
				insert into opportunities (name, account_id, pipeline_id, stage_id, status, amount, currency, owner_id,
				                           forecast_category, close_date)
				select 'Bulk' || ? || ' Lot' || g, ?, ?, ?, 'OPEN', 100, 'EUR', case when g % 2 = 0 then ? else ? end,
				       'PIPELINE', date '2031-01-01' + g % 300
				from generate_series(1, 3000) g
				""").params(u, export, stages.pipeline(), stages.qualify(), ada, outsider).update();
		List<Long> bulk = jdbc.sql("select id from opportunities where account_id = ?")
			.param(export)
			.query(Long.class)
			.list();
		assertThat(bulk).hasSize(3000);
		mine.addAll(bulk);
		Long[] ids = bulk.toArray(Long[]::new);
		assertSameAsTheDeals();
		// (Their other words are not this test's: text typed reads the first 20 words
		// containing it.)
		// One statement: every other renamed, every third to another account and owner.
		jdbc.sql(
				"""
						update opportunities set name = case when id % 2 = 0 then replace(name, 'Bulk', 'Ausfuhr') else name end,
						       account_id = case when id % 3 = 0 then ? else account_id end,
						       owner_id = case when id % 3 = 0 then ? else owner_id end
						where id = any(?)
						""")
			.params(nord, ben, ids)
			.update();
		assertSameAsTheDeals();
		jdbc.sql("update opportunities set name = replace(name, 'Bulk', 'Ausfuhr') where id = any(?)")
			.param(ids)
			.update();
		assertSameAsTheDeals();
		assertThat(wordsLike("bulk" + u)).as("a name word all of them lost").isZero();
		jdbc.sql("update accounts set name = ? where id = ?").params("Ausfuhr" + u + " Handel", export).update();
		assertSameAsTheDeals();
		assertThat(wordsLike("export" + u)).as("the account's old name").isZero();
		jdbc.sql("delete from opportunities where id = any(?)").param(ids).update();
		mine.removeAll(bulk);
		assertSameAsTheDeals();
		assertThat(wordsLike("ausfuhr" + u)).as("the words of the deleted deals").isZero();
	}

	private long wordsLike(String pattern) {
		return jdbc.sql("select count(*) from deal_words where word like ?").param(pattern).query(Long.class).single();
	}

	/**
	 * The links of this test's deals are exactly their words, owners and close dates, and
	 * the search box finds, for a rep, her manager, an outsider and an admin and for
	 * several texts, the deals matching the text over the deals themselves.
	 */
	private void assertSameAsTheDeals() {
		Long[] ids = mine.toArray(Long[]::new);
		List<String> links = jdbc.sql("""
				select w.word || '|' || l.owner_id || '|' || l.close_date || '|' || l.deal_id
				from deal_search_words l join deal_words w on w.id = l.word_id
				where l.deal_id = any(?) order by 1
				""").param(ids).query(String.class).list();
		List<String> words = jdbc.sql("""
				select x || '|' || o.owner_id || '|' || o.close_date || '|' || o.id
				from opportunities o join accounts a on a.id = o.account_id
				cross join unnest(deal_search_words_of(o.name, a.sort_name)) x
				where o.id = any(?) order by 1
				""").param(ids).query(String.class).list();
		assertThat(links).isEqualTo(words);
		assertThat(jdbc.sql("""
				select count(*) from deal_words w
				where w.word like ? and not exists (select 1 from deal_search_words l where l.word_id = w.id)
				""").param("%" + u + "%").query(Long.class).single()).as("words no deal has").isZero();
		for (Visibility visibility : List.of(Visibility.all(), new Visibility(Visibility.Scope.OWN, ada, team),
				new Visibility(Visibility.Scope.TEAM, ben, team),
				new Visibility(Visibility.Scope.OWN, outsider, null))) {
			for (String text : List.of("schmidt" + u, u, "dt" + u.substring(0, 4), "Schmidt" + u + " data",
					"NORD" + u.toUpperCase(), "goldschmidt" + u + " 2031")) {
				assertThat(found(text, visibility)).as("%s for %s", text, visibility).isEqualTo(live(text, visibility));
			}
		}
	}

	/** The deals the search box finds, in its order (only this test's match). */
	private List<Long> found(String text, Visibility visibility) {
		return deals.search(text, visibility, 10).stream().map(OpportunityRow::id).filter(mine::contains).toList();
	}

	/**
	 * This test's deals whose name or account's name contains the text, as the user sees
	 * them.
	 */
	private List<Long> live(String text, Visibility visibility) {
		String owners = switch (visibility.scope()) {
			case ALL -> "true";
			case OWN -> "o.owner_id = " + visibility.userId();
			case TEAM -> "o.owner_id in (select id from users where id = " + visibility.userId() + " or team_id = "
					+ visibility.teamId() + ")";
		};
		return jdbc.sql("""
				select o.id from opportunities o join accounts a on a.id = o.account_id
				where o.id = any(?) and (o.name ilike ? or a.name ilike ?) and %s
				order by o.close_date, o.id limit 10
				""".formatted(owners))
			.params(mine.toArray(Long[]::new), Like.containing(text.strip()), Like.containing(text.strip()))
			.query(Long.class)
			.list();
	}

	private long account(String name, Long owner) {
		return jdbc.sql("insert into accounts (name, lifecycle_stage, owner_id) values (?, 'CUSTOMER', ?) returning id")
			.params(name, owner)
			.query(Long.class)
			.single();
	}

	private long deal(long owner, long account, LocalDate closeDate) {
		return rows.deal(stages, owner, account).closing(closeDate).insert();
	}

}
