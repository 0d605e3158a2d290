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
 * too few.
 */
@Service
public class GlobalSearch {

	/**
	 * How alike a misspelling must be. pg_trgm's default (0.3) matches so many rows at a
	 * million contacts that ranking them took ~0.4 s in bench/list-pages-1m.sh; 0.5 still
	 * finds typos.
	 */
	static final double SIMILARITY_THRESHOLD = 0.5;

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
		jdbc.sql("select set_config('pg_trgm.similarity_threshold', ?, true)")
			.param(String.valueOf(SIMILARITY_THRESHOLD))
			.query()
			.singleRow();
		// Each condition comes as " and …" so it follows the query's own where clause.
		Extra accountVis = Extra.of(AccountAccess.restrictAccounts(new SqlWhere(), visibility, "a"));
		Extra contactVis = Extra.of(AccountAccess.restrictContacts(new SqlWhere(), visibility, "c"));
		List<SearchHit> accounts = words("""
				select 'ACCOUNT' as kind, id, name as title, concat_ws(' · ', industry, city, country) as subtitle
				from accounts a where a.search @@ to_tsquery('simple', :tsq) %s
				order by sort_name, id limit :limit
				""".formatted(accountVis.sql()), tsq, accountVis, limitPerKind);
		topUp(accounts, """
				select 'ACCOUNT' as kind, id, name as title, concat_ws(' · ', industry, city, country) as subtitle
				from accounts a where a.sort_name %% :q and a.id <> all(string_to_array(:found, ',')::bigint[]) %s
				order by similarity(sort_name, :q) desc, id limit :limit
				""".formatted(accountVis.sql()), q, accountVis, limitPerKind);
		List<SearchHit> contacts = words("""
				select 'CONTACT' as kind, c.id, c.first_name || ' ' || c.last_name as title,
				       concat_ws(' · ', c.email, a.name) as subtitle
				from contacts c left join accounts a on a.id = c.account_id
				where c.search @@ to_tsquery('simple', :tsq) %s
				order by c.sort_name, c.id limit :limit
				""".formatted(contactVis.sql()), tsq, contactVis, limitPerKind);
		topUp(contacts,
				"""
						select 'CONTACT' as kind, c.id, c.first_name || ' ' || c.last_name as title,
						       concat_ws(' · ', c.email, a.name) as subtitle
						from contacts c left join accounts a on a.id = c.account_id
						where (c.full_name %% :q or lower(c.email) %% :q) and c.id <> all(string_to_array(:found, ',')::bigint[]) %s
						order by greatest(similarity(c.full_name, :q), similarity(lower(c.email), :q)) desc, c.id
						limit :limit
						"""
					.formatted(contactVis.sql()),
				q, contactVis, limitPerKind);
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
