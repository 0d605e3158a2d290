package org.opencrm.sales.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencrm.core.shared.TextQuery;
import org.opencrm.core.user.Visibility;
import org.opencrm.sales.SalesRows;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code lead_search_words} (kept by triggers on leads) holds exactly each lexeme of
 * every lead's {@code search} with the lead's owner (0 for none) and creation time, and
 * the search box finds through it what the full-text match over the leads finds (the
 * leads the user may see, newest first, ten): after inserts, renames, owner and creation
 * time changes, a conversion and deletes; for a rep, a manager, an outsider and an admin;
 * behind many newer leads of others; and with more words starting with what was typed
 * than it reads.
 */
@SpringBootTest
class LeadSearchWordsTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	LeadQuery query;

	@Autowired
	LeadService leads;

	@Autowired
	LeadConversion conversion;

	String u;

	long ada;

	long ben;

	long outsider;

	long team;

	final List<Long> mine = new ArrayList<>();

	@BeforeEach
	void leads() {
		SalesRows rows = new SalesRows(jdbc);
		u = SalesRows.unique();
		team = rows.team();
		ada = rows.user("SALES_REP", team);
		ben = rows.user("MANAGER", team);
		outsider = rows.user("SALES_REP", rows.team());
		mine.add(lead("Greta", "Schmidt" + u, "Nord" + u + " Werke GmbH", ada, "2031-03-01T10:00:00Z"));
		mine.add(lead("Hans", "Schmidt" + u, null, ben, "2031-02-01T10:00:00Z"));
		mine.add(lead("Olaf", "Schmidt" + u, "Nord" + u + " Werke GmbH", outsider, "2031-04-01T10:00:00Z"));
		mine.add(lead("Ute", "Goldschmidt" + u, "Schmidt" + u + " Data AG", ada, "2031-01-01T10:00:00Z"));
		mine.add(lead("Nina", "Nobody" + u, "Schmidt" + u + " Data AG", null, "2031-05-01T10:00:00Z"));
	}

	@Test
	void insertedLeadsHaveTheirWordsAndAreFoundNewestFirstByWhoMaySeeThem() {
		assertSameAsTheLeads();
		assertThat(found("schmidt" + u, Visibility.all())).containsExactly(mine.get(4), mine.get(2), mine.get(0),
				mine.get(1), mine.get(3));
		assertThat(found("SCHMIDT" + u.toUpperCase(), new Visibility(Visibility.Scope.OWN, ada, team)))
			.containsExactly(mine.get(0), mine.get(3));
		assertThat(found("schmidt" + u, new Visibility(Visibility.Scope.TEAM, ben, team))).containsExactly(mine.get(0),
				mine.get(1), mine.get(3));
		assertThat(found("schmidt" + u, new Visibility(Visibility.Scope.OWN, outsider, null)))
			.containsExactly(mine.get(2));
	}

	@Test
	void renamedLeadsOwnerAndCreationChangesChangeTheirLinks() {
		jdbc.sql("update leads set last_name = ? where id = ?").params("Schmitz" + u, mine.get(0)).update();
		jdbc.sql("update leads set company = null, email = ? where id = ?")
			.params("schmidt" + u + ".ute@example.com", mine.get(3))
			.update();
		assertSameAsTheLeads();
		assertThat(found("schmidt" + u, new Visibility(Visibility.Scope.OWN, ada, team))).containsExactly(mine.get(3));
		jdbc.sql("update leads set owner_id = ? where id = ?").params(ada, mine.get(2)).update();
		jdbc.sql("update leads set owner_id = null where id = ?").param(mine.get(1)).update();
		jdbc.sql("update leads set owner_id = ? where id = ?").params(outsider, mine.get(4)).update();
		jdbc.sql("update leads set created_at = timestamptz '2020-01-01 10:00:00Z' where id = ?")
			.param(mine.get(2))
			.update();
		jdbc.sql("update leads set status = 'WORKING', score = 7 where id = ?").param(mine.get(0)).update();
		assertSameAsTheLeads();
		assertThat(found("schmidt" + u, new Visibility(Visibility.Scope.OWN, ada, team))).containsExactly(mine.get(3),
				mine.get(2));
		assertThat(found("schmidt" + u, new Visibility(Visibility.Scope.OWN, outsider, null)))
			.containsExactly(mine.get(4));
		assertThat(wordsLike("schmitz" + u)).isOne();
	}

	@Test
	void aConvertedLeadKeepsItsWordsAndIsStillFound() {
		long lead = leads.create(
				new LeadCommand("Carla", "Convertia" + u, "carla@convertia" + u + ".example", null,
						"Convertia" + u + " KG", null, null, null, null, "manual", null, null, ada, 0),
				Visibility.all());
		mine.add(lead);
		leads.changeStatus(lead, 0, LeadStatus.QUALIFIED, null, Visibility.all());
		List<String> before = links();
		conversion.convert(lead, new ConvertLead(null, null, false, null, null, null, null, 1), Visibility.all());

		assertThat(query.details(lead, Visibility.all()).status()).isEqualTo(LeadStatus.CONVERTED);
		assertThat(links()).isEqualTo(before);
		assertSameAsTheLeads();
		assertThat(found("convertia" + u, new Visibility(Visibility.Scope.OWN, ada, team))).containsExactly(lead);
	}

	@Test
	void deletedLeadsLeaveNoWordsOnePerStatementOrManyInOne() {
		jdbc.sql(
				"""
						insert into leads (first_name, last_name, email, company, source, status, owner_id, created_at)
						select 'Bulk', 'Schmidt' || ?, 'bulk' || g || '.' || ? || '@example.com', 'Lot' || ? || ' ' || g,
						       'WEB', 'NEW', case when g % 2 = 0 then ? else ? end, timestamptz '2030-01-01 00:00Z' + g * interval '1 hour'
						from generate_series(1, 2000) g
						""")
			.params(u, u, u, ada, outsider)
			.update();
		List<Long> bulk = jdbc.sql("select id from leads where first_name = 'Bulk' and last_name = ?")
			.param("Schmidt" + u)
			.query(Long.class)
			.list();
		assertThat(bulk).hasSize(2000);
		mine.addAll(bulk);
		assertSameAsTheLeads();
		jdbc.sql("update leads set company = replace(company, 'Lot', 'Los') where id = any(?)")
			.param(bulk.toArray(Long[]::new))
			.update();
		assertSameAsTheLeads();
		assertThat(wordsLike("lot" + u)).as("a company word all of them lost").isZero();
		jdbc.sql("delete from leads where id = any(?)").param(bulk.toArray(Long[]::new)).update();
		mine.removeAll(bulk);
		jdbc.sql("delete from leads where id = ?").param(mine.remove(0)).update();
		assertSameAsTheLeads();
		assertThat(wordsLike("los" + u)).as("the words of the deleted leads").isZero();
		assertThat(jdbc.sql("select count(*) from lead_words where word like ?")
			.param("bulk%" + u + "@example.com")
			.query(Long.class)
			.single()).as("their e-mail addresses").isZero();
		assertThat(wordsLike("schmidt" + u)).as("kept by the leads left").isOne();
		jdbc.sql("delete from leads where id = any(?)").param(mine.toArray(Long[]::new)).update();
		mine.clear();
		assertThat(jdbc.sql("select count(*) from lead_words where word like ?")
			.param("%" + u + "%")
			.query(Long.class)
			.single()).as("words no lead has any more").isZero();
	}

	@Test
	void theNewestVisibleLeadsAreFoundBehindManyNewerOfOthers() {
		// 40 of the outsider's newer than any of Ada's, then 40 of Ada's.
		jdbc.sql("""
				insert into leads (first_name, last_name, source, status, owner_id, created_at)
				select 'Namesake', 'Schmidt' || ?, 'WEB', 'NEW', case when g > 40 then ? else ? end,
				       timestamptz '2032-01-01 00:00Z' + g * interval '1 day'
				from generate_series(1, 80) g
				""").params(u, outsider, ada).update();
		mine.addAll(jdbc.sql("select id from leads where first_name = 'Namesake' and last_name = ?")
			.param("Schmidt" + u)
			.query(Long.class)
			.list());
		assertSameAsTheLeads();
		Visibility adaSees = new Visibility(Visibility.Scope.OWN, ada, team);
		assertThat(found("schmidt" + u, adaSees)).hasSize(10);
		assertThat(jdbc
			.sql("""
					select count(*) from leads where id = any(?) and owner_id = ? and created_at >= timestamptz '2032-01-31 00:00Z'
					""")
			.params(found("schmidt" + u, adaSees).toArray(Long[]::new), ada)
			.query(Long.class)
			.single()).isEqualTo(10);
	}

	/**
	 * More of the rep's leads match than the full-text statement used to read (it ordered
	 * the first 500 matches the index gave, the oldest rows first): the newest are shown.
	 */
	@Test
	void theNewestAreFoundAmongMoreMatchesThanTheFullTextCap() {
		jdbc.sql("""
				insert into leads (first_name, last_name, source, status, owner_id, created_at)
				select 'Many', 'Schmidt' || ?, 'WEB', 'NEW', ?, timestamptz '2034-01-01 00:00Z' + g * interval '1 hour'
				from generate_series(1, ?) g
				""").params(u, ada, LeadQuery.SEARCH_CANDIDATES + 100).update();
		List<Long> newest = jdbc.sql("""
				select id from leads where first_name = 'Many' and last_name = ? order by created_at desc limit 10
				""").param("Schmidt" + u).query(Long.class).list();
		mine.addAll(jdbc.sql("select id from leads where first_name = 'Many' and last_name = ?")
			.param("Schmidt" + u)
			.query(Long.class)
			.list());

		assertThat(found("schmidt" + u, new Visibility(Visibility.Scope.OWN, ada, team))).isEqualTo(newest);
		assertThat(found("schmidt" + u, Visibility.all())).isEqualTo(newest);
	}

	/**
	 * More words start with what was typed than the search reads ranges of (every e-mail
	 * address starting with it is a word): it finds what the full-text match finds.
	 */
	@Test
	void moreWordsStartingWithWhatWasTypedThanItReadsFindTheFullTextMatches() {
		jdbc.sql("""
				insert into leads (first_name, last_name, email, source, status, owner_id, created_at)
				select 'Prefix', 'Many' || ?, 'pfx' || ? || chr(97 + g) || '@example.com', 'WEB', 'NEW',
				       case when g % 3 = 0 then ? else ? end, timestamptz '2033-01-01 00:00Z' + g * interval '1 day'
				from generate_series(1, ?) g
				""").params(u, u, ada, outsider, LeadQuery.PREFIX_WORDS + 5).update();
		mine.addAll(jdbc.sql("select id from leads where first_name = 'Prefix' and last_name = ?")
			.param("Many" + u)
			.query(Long.class)
			.list());
		assertThat(wordsLike("pfx" + u + "%")).isEqualTo(LeadQuery.PREFIX_WORDS + 5);
		assertSameAsTheLeads();
		assertThat(found("pfx" + u, Visibility.all())).hasSize(10);
	}

	private long wordsLike(String pattern) {
		return jdbc.sql("select count(*) from lead_words where word like ?").param(pattern).query(Long.class).single();
	}

	private List<String> links() {
		return jdbc.sql("""
				select w.word || '|' || l.owner_key || '|' || l.created_at || '|' || l.lead_id
				from lead_search_words l join lead_words w on w.id = l.word_id
				where l.lead_id = any(?) order by 1
				""").param(mine.toArray(Long[]::new)).query(String.class).list();
	}

	/**
	 * The links of this test's leads are exactly their words, owners and creation times,
	 * no word is left without a lead, and the search box finds, for a rep, her manager,
	 * an outsider and an admin and for several texts, the leads the full-text match over
	 * the leads themselves finds.
	 */
	private void assertSameAsTheLeads() {
		assertThat(links()).isEqualTo(jdbc.sql("""
				select x || '|' || coalesce(l.owner_id, 0) || '|' || l.created_at || '|' || l.id
				from leads l cross join unnest(tsvector_to_array(l.search)) x
				where l.id = any(?) order by 1
				""").param(mine.toArray(Long[]::new)).query(String.class).list());
		assertThat(jdbc.sql("""
				select count(*) from lead_words w
				where w.word like ? and not exists (select 1 from lead_search_words l where l.word_id = w.id)
				""").param("%" + u + "%").query(Long.class).single()).as("words no lead has").isZero();
		for (Visibility visibility : List.of(Visibility.all(), new Visibility(Visibility.Scope.OWN, ada, team),
				new Visibility(Visibility.Scope.TEAM, ben, team),
				new Visibility(Visibility.Scope.OWN, outsider, null))) {
			for (String text : List.of("schmidt" + u, "Schmidt" + u.substring(0, 5), "nord" + u, "pfx" + u,
					"Greta Schmidt" + u, "convertia" + u, "schmitz" + u, "lot" + u)) {
				assertThat(found(text, visibility)).as("%s for %s", text, visibility).isEqualTo(live(text, visibility));
			}
		}
	}

	/** The leads the search box finds, in its order (only this test's). */
	private List<Long> found(String text, Visibility visibility) {
		return query.search(text, visibility, 10).stream().map(LeadRow::id).filter(mine::contains).toList();
	}

	/** This test's leads matching the text in full text, as the user sees them. */
	private List<Long> live(String text, Visibility visibility) {
		String owners = switch (visibility.scope()) {
			case ALL -> "true";
			case OWN -> "l.owner_id = " + visibility.userId();
			case TEAM -> "l.owner_id in (select id from users where id = " + visibility.userId() + " or team_id = "
					+ visibility.teamId() + ")";
		};
		return jdbc.sql("""
				select l.id from leads l
				where l.id = any(?) and l.search @@ to_tsquery('simple', ?) and %s
				order by l.created_at desc, l.id desc limit 10
				""".formatted(owners))
			.params(mine.toArray(Long[]::new), TextQuery.prefix(text))
			.query(Long.class)
			.list();
	}

	private long lead(String first, String last, String company, Long owner, String createdAt) {
		return jdbc.sql("""
				insert into leads (first_name, last_name, email, company, source, status, owner_id, created_at)
				values (?, ?, lower(? || '.' || ?) || '@example.com', ?, 'WEB', 'NEW', ?, ?) returning id
				""")
			.params(first, last, first, last, company, owner, Timestamp.from(Instant.parse(createdAt)))
			.query(Long.class)
			.single();
	}

}
