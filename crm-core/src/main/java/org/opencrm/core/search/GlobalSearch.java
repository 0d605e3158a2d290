package org.opencrm.core.search;

import java.util.List;
import org.opencrm.core.shared.TextQuery;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The search box: accounts and contacts by words (full text, prefix-matched) or by a name or
 * e-mail spelled nearly right (trigram similarity), best matches first.
 */
@Service
public class GlobalSearch {

	private final JdbcClient jdbc;

	GlobalSearch(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional(readOnly = true)
	public SearchResults search(String typed, int limitPerKind) {
		String tsq = TextQuery.prefix(typed);
		String q = TextQuery.normalise(typed);
		// One letter would prefix-match a large part of the table; nothing searchable matches nothing.
		if (tsq == null || q.length() < 2) {
			return new SearchResults(typed, List.of(), List.of());
		}
		// A prepared trigram query can switch to a generic plan after five runs and get 100x slower.
		jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
		List<SearchHit> accounts = jdbc.sql("""
				select 'ACCOUNT' as kind, id, name as title, concat_ws(' · ', industry, city, country) as subtitle
				from accounts
				where search @@ to_tsquery('simple', :tsq) or sort_name % :q
				order by (search @@ to_tsquery('simple', :tsq)) desc, similarity(sort_name, :q) desc, id
				limit :limit
				""").param("tsq", tsq == null ? "" : tsq).param("q", q).param("limit", limitPerKind)
			.query(SearchHit.class)
			.list();
		List<SearchHit> contacts = jdbc.sql("""
				select 'CONTACT' as kind, c.id, c.first_name || ' ' || c.last_name as title,
				       concat_ws(' · ', c.email, a.name) as subtitle
				from contacts c left join accounts a on a.id = c.account_id
				where c.search @@ to_tsquery('simple', :tsq) or c.full_name % :q or lower(c.email) % :q
				order by (c.search @@ to_tsquery('simple', :tsq)) desc,
				         greatest(similarity(c.full_name, :q), similarity(lower(c.email), :q)) desc, c.id
				limit :limit
				""").param("tsq", tsq == null ? "" : tsq).param("q", q).param("limit", limitPerKind)
			.query(SearchHit.class)
			.list();
		return new SearchResults(typed, accounts, contacts);
	}
}
