package org.opencrm.sales.opportunity;

import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;
import org.opencrm.core.access.AccountAccess;
import org.opencrm.core.shared.CappedCount;
import org.opencrm.core.shared.Keyset;
import org.opencrm.core.shared.KeysetPage;
import org.opencrm.core.shared.Like;
import org.opencrm.core.shared.Rows;
import org.opencrm.core.shared.SqlWhere;
import org.opencrm.core.user.Visibility;
import org.opencrm.sales.shared.Scopes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The deal list and the API's: by expected close date (keyset), filtered, over the deals
 * the user may see; a capped count and the rows.
 */
@Service
public class OpportunityList {

	private static final String ROW_SELECT = """
			select o.id, o.name, o.account_id, a.name as account_name, o.stage_id, s.name as stage_name, o.status,
			       o.amount, o.currency, o.close_date, o.owner_id, u.full_name as owner_name, o.version,
			       to_char(o.close_date, 'YYYY-MM-DD') as sort_key
			from opportunities o
			join accounts a on a.id = o.account_id
			join pipeline_stages s on s.id = o.stage_id
			join users u on u.id = o.owner_id
			""";

	/**
	 * How many deals matching by their own name are ordered by close date: the first the
	 * trigram index gives. With more visible matches than this, the first by close date
	 * among them are shown; the searcher narrows with more of the name.
	 */
	static final int MATCH_CANDIDATES = 200;

	/**
	 * How many accounts whose name matches are asked for their first deals (one short
	 * range of {@code opportunities_account_owner_close_idx} each), so a common name
	 * reads a few hundred accounts, not every namesake.
	 */
	static final int ACCOUNT_CANDIDATES = 200;

	/**
	 * How many words containing what was typed a one-word search reads the deals of, in
	 * word order: "schmidt" is in a handful of deal and account name words, "data" in a
	 * few dozen. With more, the page shows the first by close date among these words'
	 * deals: the searcher narrows.
	 */
	static final int DEAL_WORDS = 20;

	/** Three letters or digits in a row: a trigram the word index can look up. */
	private static final Pattern TRIGRAM = Pattern.compile("[\\p{L}\\p{N}]{3}");

	private final JdbcClient jdbc;

	private final Clock clock;

	OpportunityList(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public KeysetPage<OpportunityRow> list(OpportunityFilter filter, Visibility visibility, String cursor,
			int pageSize) {
		SqlWhere where = OpportunityConditions.where(filter, visibility, clock.getZone());
		var total = where.cappedCount(jdbc, "opportunities o");
		return page(where, cursor, pageSize, total);
	}

	/**
	 * The search box: the first deals by close date whose name or whose account's name
	 * contains {@code text}, of those {@code visibility} may see. Text without white
	 * space (a name, a part of one) goes through {@code deal_search_words}: the words of
	 * deal and account names containing it ({@code deal_words}, trigram index, the first
	 * {@link #DEAL_WORDS}), then for each word and each owner whose deals the user may
	 * see the first deals by close date (one index range each), merged; so "schmidt"
	 * reads as much at a million contacts as at ten thousand, and the deals shown are the
	 * true first by close date. Text with white space, or without three letters or digits
	 * in a row (no trigram for the index to look up), reads the trigram indexes as
	 * {@link #searchByTrigrams} says.
	 */
	@Transactional(readOnly = true)
	public List<OpportunityRow> search(String text, Visibility visibility, int limit) {
		if (text == null || text.isBlank()) {
			return List.of();
		}
		String typed = text.strip();
		boolean oneWord = typed.codePoints().noneMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c));
		return oneWord && TRIGRAM.matcher(typed).find() ? searchByWords(typed, visibility, limit)
				: searchByTrigrams(typed, visibility, limit);
	}

	/**
	 * One word: through {@code deal_search_words} (keyed by the deal's owner, in close
	 * date order). The matching words are found first and only then ordered: with
	 * {@code order by word limit} in one step, the generic plan a prepared statement
	 * switches to after five runs read {@code deal_words} in word order through its
	 * unique index, filtering every word (318 ms at a million contacts, 640-770 ms in the
	 * app under load, against 3 ms by the trigram index; the replayed SQL of the load
	 * bench, planned per run, never showed it). The rows shown are checked against the
	 * text and the visibility rule once more. The limit is written into the statement
	 * (see {@link #searchByTrigrams}).
	 */
	private List<OpportunityRow> searchByWords(String typed, Visibility visibility, int limit) {
		SqlWhere visible = Scopes.restrict(new SqlWhere(), visibility, "o.owner_id");
		String keys = Scopes.ownerKeys(visibility);
		String sql = """
				with m as materialized (
				  select id, word from deal_words where word like lower(:dealText)
				), w as materialized (
				  select id from m order by word limit %1$d
				), hits as (
				  select distinct s.deal_id, s.close_date
				  from w %2$s cross join lateral (
				    select l.deal_id, l.close_date from deal_search_words l
				    where l.word_id = w.id %3$s
				    order by l.close_date, l.deal_id limit %4$d
				  ) s
				), top as (
				  select deal_id from hits order by close_date, deal_id limit %4$d
				)
				""".formatted(DEAL_WORDS, keys == null ? "" : "cross join unnest(" + keys + ") k(owner_id)",
				keys == null ? "" : "and l.owner_id = k.owner_id", limit) + ROW_SELECT
				+ " where o.id in (select deal_id from top) and (o.name ilike :dealText or a.sort_name ilike :dealText)"
				+ and(visible) + " order by o.close_date, o.id";
		return visible.bind(jdbc.sql(sql))
			.param("dealText", Like.containing(typed))
			.query(Rows.of(OpportunityRow.class))
			.list();
	}

	/**
	 * Text with white space or without a trigram: matches first, then visibility and
	 * order. Deals matching by name come from the trigram index on the name
	 * ({@code opportunities_name_trgm_idx}; the owner only a filter,
	 * {@code owner_id + 0}, so the planner doesn't walk the owner's deals), capped
	 * ({@link #MATCH_CANDIDATES}); deals matching by account are each matching account's
	 * first few the user may see, by close date from
	 * {@code opportunities_account_owner_close_idx}, for at most
	 * {@link #ACCOUNT_CANDIDATES} of the accounts the user may see and as many of any.
	 */
	private List<OpportunityRow> searchByTrigrams(String text, Visibility visibility, int limit) {
		// The limits are written into the statement: as parameters, the generic plan a
		// prepared statement may switch to sorted all deals of each matching account
		// (6,570 of the largest) instead of reading its first few in index order.
		SqlWhere byName = Scopes.restrict(new SqlWhere(), visibility, "(n.owner_id + 0)");
		SqlWhere byAccount = Scopes.restrict(new SqlWhere(), visibility, "ao.owner_id");
		// Matching accounts the user may see (a deal sits on an account its owner may
		// see), then any (an account may have moved on since), each capped: a name shared
		// by more accounts than the cap still finds the user's.
		SqlWhere seenAccounts = AccountAccess.restrictAccounts(new SqlWhere(), visibility, "va");
		String accounts = seenAccounts.sql().isEmpty() ? "" : """
				(select va.id from accounts va where va.sort_name ilike :dealText %s limit %d)
				union
				""".formatted(and(seenAccounts), ACCOUNT_CANDIDATES);
		String sql = """
				with hits as materialized (
				  (select n.id, n.close_date from opportunities n
				   where n.name ilike :dealText %s
				   limit %d)
				  union
				  (select d.id, d.close_date
				   from (
				     %s
				     (select da.id from accounts da where da.sort_name ilike :dealText limit %d)
				   ) ma
				   cross join lateral (
				     select ao.id, ao.close_date from opportunities ao
				     where ao.account_id = ma.id %s
				     order by ao.close_date, ao.id limit %6$d
				   ) d)
				), top as (
				  select id from hits order by close_date, id limit %6$d
				)
				""".formatted(and(byName), MATCH_CANDIDATES, accounts, ACCOUNT_CANDIDATES, and(byAccount), limit)
				+ ROW_SELECT + " where o.id in (select id from top) order by o.close_date, o.id";
		return seenAccounts.bind(byAccount.bind(byName.bind(jdbc.sql(sql))))
			.param("dealText", Like.containing(text))
			.query(Rows.of(OpportunityRow.class))
			.list();
	}

	/** A where clause's conditions to follow another condition. */
	private static String and(SqlWhere where) {
		return where.sql().isEmpty() ? "" : " and " + where.sql().substring(" where ".length());
	}

	private KeysetPage<OpportunityRow> page(SqlWhere where, String cursor, int pageSize, CappedCount total) {
		Keyset.Cursor c = Keyset.decode(cursor);
		boolean asc = c == null || c.forward();
		if (c != null) {
			where.and("(o.close_date, o.id) " + (asc ? ">" : "<") + " (cast(:cursorValue as date), :cursorId)")
				.param("cursorValue", c.dateValue().toString())
				.param("cursorId", c.id());
		}
		String dir = asc ? " asc" : " desc";
		String sql = ROW_SELECT + where.sql() + " order by o.close_date" + dir + ", o.id" + dir + " limit :limit";
		List<OpportunityRow> rows = where.bind(jdbc.sql(sql))
			.param("limit", pageSize + 1)
			.query(Rows.of(OpportunityRow.class))
			.list();
		return Keyset.page(rows, pageSize, c, OpportunityRow::sortKey, OpportunityRow::id, total);
	}

}
