package org.opencrm.core.search;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.opencrm.core.access.AccountAccess;
import org.opencrm.core.shared.SqlWhere;
import org.opencrm.core.shared.TextQuery;
import org.opencrm.core.user.Visibility;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The search box: accounts and contacts by words (full text, prefix-matched), topped up
 * with names or e-mails spelled nearly right (trigram similarity) when the words found
 * too few. Every statement reads about as much at ten thousand as at a million contacts:
 * each takes a capped number of matches from its GIN index ({@link #WORD_CANDIDATES},
 * {@link #NEAR_NAME_CANDIDATES}) before ordering them, and the contacts' visibility is a
 * condition on the contact's own row ({@link AccountAccess}).
 */
@Service
public class GlobalSearch {

	/**
	 * How alike a misspelling must be. pg_trgm's default (0.3) matches so many rows at a
	 * million contacts that ranking them took ~0.4 s in bench/list-pages-1m.sh; 0.5 still
	 * finds typos.
	 */
	static final double SIMILARITY_THRESHOLD = 0.5;

	/**
	 * How many full-text matches the contact words query orders by name. Walking the name
	 * index until enough rows matched read 640,000 rows for "Schmidt" at a million
	 * contacts (bench/plans-1m.sh); the matches from the GIN index, capped, cost the same
	 * for a common name as for a rare one. With more matches than this, the page shows
	 * the first by name among them: the searcher narrows with another word.
	 */
	static final int WORD_CANDIDATES = 500;

	/**
	 * How alike a misspelling must be to a part of a contact's name (pg_trgm word
	 * similarity: "shmidt" is 0.71 like "greta schmidt", whose whole-name similarity,
	 * 0.33, found nobody).
	 */
	static final double NAME_WORD_SIMILARITY = 0.5;

	/**
	 * How many near names the top-up ranks: the first found in the trigram index, so a
	 * misspelled common name reads a few hundred rows, not its 30,000 namesakes.
	 */
	static final int NEAR_NAME_CANDIDATES = 200;

	private final JdbcClient jdbc;

	GlobalSearch(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional(readOnly = true)
	public SearchResults search(String typed, int limitPerKind) {
		return search(typed, Visibility.all(), limitPerKind);
	}

	/** Only customers {@code visibility} may see ({@link AccountAccess}) are found. */
	@Transactional(readOnly = true)
	public SearchResults search(String typed, Visibility visibility, int limitPerKind) {
		String tsq = TextQuery.prefix(typed);
		String q = TextQuery.normalise(typed);
		if (tsq == null || q.length() < 2) {
			return new SearchResults(typed, List.of(), List.of());
		}
		// A prepared trigram query can switch to a generic plan after five runs and get
		// 100x slower.
		jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
		jdbc.sql("""
				select set_config('pg_trgm.similarity_threshold', ?, true),
				       set_config('pg_trgm.word_similarity_threshold', ?, true)
				""")
			.params(String.valueOf(SIMILARITY_THRESHOLD), String.valueOf(NAME_WORD_SIMILARITY))
			.query()
			.singleRow();
		// Each condition comes as " and …" so it follows the query's own where clause.
		Extra accountVis = Extra.of(AccountAccess.restrictAccounts(new SqlWhere(), visibility, "a"));
		Extra contactVis = Extra.of(AccountAccess.restrictContactsAsFilter(new SqlWhere(), visibility, "c"));
		// Accounts as contacts: capped candidates from the GIN indexes, then ordered (in
		// name order, the words walked accounts_sort_name_idx past every account not
		// matching).
		List<SearchHit> accounts = words(
				"""
						with hits as materialized (
						  select a.id, a.sort_name from accounts a
						  where a.search @@ to_tsquery('simple', :tsq) %s
						  limit %d
						)
						select 'ACCOUNT' as kind, a.id, a.name as title, concat_ws(' · ', a.industry, a.city, a.country) as subtitle
						from (select id, sort_name from hits order by sort_name, id limit :limit) h
						join accounts a on a.id = h.id
						order by h.sort_name, h.id
						"""
					.formatted(accountVis.sql(), WORD_CANDIDATES),
				tsq, accountVis, limitPerKind);
		// Accounts with a name part spelled nearly like what was typed ("shmidt" finds
		// "Schmidt Data AG": its whole name is only 0.33 alike), ranked among the capped
		// candidates before the rows are read.
		topUp(accounts,
				"""
						with near as materialized (
						  select a.id, a.sort_name from accounts a
						  where a.sort_name %%> :q and a.id <> all(string_to_array(:found, ',')::bigint[]) %s
						  limit %d
						), top as (
						  select id, word_similarity(:q, sort_name) as rank from near order by rank desc, id limit :limit
						)
						select 'ACCOUNT' as kind, a.id, a.name as title, concat_ws(' · ', a.industry, a.city, a.country) as subtitle
						from top k join accounts a on a.id = k.id
						order by k.rank desc, k.id
						"""
					.formatted(accountVis.sql(), NEAR_NAME_CANDIDATES),
				q, accountVis, limitPerKind);
		List<SearchHit> contacts = words("""
				with hits as materialized (
				  select c.id, c.sort_name from contacts c
				  where c.search @@ to_tsquery('simple', :tsq) %s
				  limit %d
				)
				select 'CONTACT' as kind, c.id, c.first_name || ' ' || c.last_name as title,
				       concat_ws(' · ', c.email, a.name) as subtitle
				from (select id, sort_name from hits order by sort_name, id limit :limit) h
				join contacts c on c.id = h.id left join accounts a on a.id = c.account_id
				order by h.sort_name, h.id
				""".formatted(contactVis.sql(), WORD_CANDIDATES), tsq, contactVis, limitPerKind);
		// Names with a part spelled nearly like what was typed (word similarity, %>), and
		// e-mails only when an address was typed; each capped, then ranked, and only the
		// shown ones joined to their row and account (joined first, the 200 candidates
		// cost 1,400 buffers more at a million contacts).
		Extra nameVis = Extra.of(AccountAccess.restrictContactsAsFilter(new SqlWhere(), visibility, "n"));
		Extra emailVis = Extra.of(AccountAccess.restrictContactsAsFilter(new SqlWhere(), visibility, "e"));
		topUp(contacts, """
				with near as materialized (
				  (select n.id, n.full_name, n.email from contacts n
				   where n.full_name %%> :q and n.id <> all(string_to_array(:found, ',')::bigint[]) %1$s
				   limit %3$d)
				  union
				  (select e.id, e.full_name, e.email from contacts e
				   where strpos(:q, '@') > 0 and lower(e.email) %% :q
				     and e.id <> all(string_to_array(:found, ',')::bigint[]) %2$s
				   limit %3$d)
				), top as (
				  select id, greatest(word_similarity(:q, full_name), similarity(lower(email), :q)) as rank
				  from near order by rank desc, id limit :limit
				)
				select 'CONTACT' as kind, c.id, c.first_name || ' ' || c.last_name as title,
				       concat_ws(' · ', c.email, a.name) as subtitle
				from top k join contacts c on c.id = k.id left join accounts a on a.id = c.account_id
				order by k.rank desc, k.id
				""".formatted(nameVis.sql(), emailVis.sql(), NEAR_NAME_CANDIDATES), q, contactVis, limitPerKind);
		return new SearchResults(typed, accounts, contacts);
	}

	private List<SearchHit> words(String sql, String tsq, Extra extra, int limit) {
		return new ArrayList<>(extra.where()
			.bind(jdbc.sql(sql))
			.param("tsq", tsq)
			.param("limit", limit)
			.query(SearchHit.class)
			.list());
	}

	/** A visibility condition to append to a query that has its own where clause. */
	private record Extra(SqlWhere where) {

		static Extra of(SqlWhere where) {
			return new Extra(where);
		}

		String sql() {
			return where.sql().isEmpty() ? "" : " and " + where.sql().substring(" where ".length());
		}
	}

	/** Misspellings are looked for only when the words left room on the page. */
	private void topUp(List<SearchHit> hits, String sql, String q, Extra extra, int limit) {
		if (hits.size() >= limit) {
			return;
		}
		// Ids as text: a Java array would be expanded into a parameter list, not bound as
		// one array.
		String found = hits.stream().map(h -> String.valueOf(h.id())).collect(Collectors.joining(","));
		hits.addAll(extra.where()
			.bind(jdbc.sql(sql))
			.param("q", q)
			.param("found", found)
			.param("limit", limit - hits.size())
			.query(SearchHit.class)
			.list());
	}

}
