package org.opencrm.core.search;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.opencrm.core.access.AccountAccess;
import org.opencrm.core.shared.Rows;
import org.opencrm.core.shared.SqlWhere;
import org.opencrm.core.shared.TextQuery;
import org.opencrm.core.user.Visibility;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The search box: accounts and contacts by words (full text, prefix-matched), topped up
 * with names or e-mails spelled nearly right (trigram similarity) when the words found
 * too few. Every statement reads about as much at ten thousand as at a million contacts.
 * Contacts come through {@code contact_search_words} (each word of a contact's
 * {@code search}, keyed by the owner that decides who sees it, in name order; kept by
 * triggers): a few words, then one capped index range per word and visible owner
 * ({@link AccountAccess#contactOwnerKeys}); several words typed narrow enough for their
 * full-text AND from the GIN index. Accounts the same way through
 * {@code account_search_words} (keyed by {@code coalesce(owner_id, 0)}); several words
 * take a capped number of matches from their GIN indexes ({@link #WORD_CANDIDATES},
 * {@link #NEAR_NAME_CANDIDATES}) before ordering them.
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

	/**
	 * How many words starting with what was typed the contacts are read for, in word
	 * order (the word itself first): "schmidt" has a handful, but "an" thousands (every
	 * e-mail address starting with it is a word). With more, the page shows the first by
	 * name among these words' contacts: the searcher narrows.
	 */
	static final int PREFIX_WORDS = 10;

	/**
	 * How many contacts of one near word and owner a misspelling walks in name order
	 * before ranking them by how alike the whole name is.
	 */
	static final int WORD_WALK = 200;

	/**
	 * How many accounts of one word the account words read in name order whoever owns
	 * them: a word with fewer is read in that one range, one with as many once more per
	 * owner the user may see (more than a page's, so one range serves those who see
	 * everyone).
	 */
	static final int WORD_FEW = 100;

	/** How many name words nearest a misspelling are looked up. */
	static final int NEAR_WORDS = 5;

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
		// Each condition comes as " and …" so it follows the query's own where clause.
		Extra accountVis = Extra.of(AccountAccess.restrictAccounts(new SqlWhere(), visibility, "a"));
		Extra contactVis = Extra.of(AccountAccess.restrictContactsAsFilter(new SqlWhere(), visibility, "c"));
		List<String> typedWords = TextQuery.words(typed);
		// Several words or an address typed read a large table through a trigram index.
		Settings settings = new Settings(typedWords.size() > 1 || q.indexOf('@') >= 0);
		List<SearchHit> accounts = typedWords.size() == 1
				? accountsOfOneWord(tsq, q, typedWords.get(0), visibility, accountVis, limitPerKind, settings)
				: accountsOfWords(tsq, q, accountVis, limitPerKind, settings);
		List<SearchHit> contacts = typedWords.size() == 1
				? contactsOfOneWord(tsq, q, typedWords.get(0), visibility, contactVis, limitPerKind, settings)
				: contactsOfWords(tsq, q, visibility, contactVis, limitPerKind, settings);
		return new SearchResults(typed, accounts, contacts);
	}

	/**
	 * One word typed: through {@code account_search_words}, as contacts
	 * ({@link #contactsOfOneWord}): the words starting with it, then for each its first
	 * accounts in name order ({@link #WORD_FEW}, one range of the index over all owners;
	 * a word with that many also one range per owner whose accounts the user may see),
	 * the rows shown checked against the full-text query and the visibility rule once
	 * more. Misspelt: the account name words nearest it ({@link #NEAR_WORDS}), for each
	 * and each visible owner the first accounts by name ({@link #WORD_WALK}), kept when
	 * the whole name is alike and ranked by it as before (then by id).
	 */
	private List<SearchHit> accountsOfOneWord(String tsq, String q, String word, Visibility visibility,
			Extra accountVis, int limit, Settings settings) {
		String keys = AccountAccess.accountOwnerKeys(visibility);
		int few = Math.max(WORD_FEW, limit);
		// Each word's first accounts whoever owns them, one range: all of a word with
		// fewer (a domain, an address: one account each), so only a word with more is
		// read once per visible owner.
		String perOwner = keys == null ? "" : """
				  union
				  select s.account_id, s.sort_name
				  from w %s cross join lateral (
				    select l.account_id, l.sort_name from account_search_words l
				    where l.word_id = w.id %s
				    order by l.sort_name, l.account_id limit :limit
				  ) s
				  where (select count(*) from few f where f.word_id = w.id) = %d
				""".formatted(ownerKeys(keys), ownerKeyCondition(keys), few);
		List<SearchHit> accounts = words(
				"""
						with w as materialized (
						  select id from (
						    select id, word from account_words where word >= :word order by word limit %d
						  ) w where word like :word || '%%'
						), few as materialized (
						  select w.id as word_id, l.account_id, l.sort_name, l.owner_key
						  from w cross join lateral (
						    select l.account_id, l.sort_name, l.owner_key from account_search_words l
						    where l.word_id = w.id order by l.sort_name, l.account_id limit %d
						  ) l
						), hits as (
						  select distinct f.account_id, f.sort_name from few f %s
						%s)
						select 'ACCOUNT' as kind, a.id, a.name as title, concat_ws(' · ', a.industry, a.city, a.country) as subtitle
						from (select account_id, sort_name from hits order by sort_name, account_id limit :limit) h
						join accounts a on a.id = h.account_id
						where a.search @@ to_tsquery('simple', :tsq) %s
						order by h.sort_name, h.account_id
						"""
					.formatted(PREFIX_WORDS, few, keys == null ? "" : "where f.owner_key = any(" + keys + ")", perOwner,
							accountVis.sql()),
				tsq, word, accountVis, limit);
		topUp(settings, accounts,
				"""
						with w as materialized (
						  select id from account_words
						  where in_name and word %%> :word order by word_similarity(:word, word) desc, word limit %1$d
						), near as materialized (
						  select distinct s.account_id as id, s.sort_name
						  from w %2$s cross join lateral (
						    select l.account_id, l.sort_name
						    from (select l.account_id, l.sort_name from account_search_words l
						          where l.word_id = w.id %3$s and l.account_id <> all(string_to_array(:found, ',')::bigint[])
						          order by l.sort_name, l.account_id limit %4$d) l
						    where l.sort_name %%> :q) s
						), top as (
						  select id, word_similarity(:q, sort_name) as rank from near order by rank desc, id limit :limit
						)
						select 'ACCOUNT' as kind, a.id, a.name as title, concat_ws(' · ', a.industry, a.city, a.country) as subtitle
						from top k join accounts a on a.id = k.id
						where true %5$s
						order by k.rank desc, k.id
						"""
					.formatted(NEAR_WORDS, ownerKeys(keys), ownerKeyCondition(keys), WORD_WALK, accountVis.sql()),
				q, word, accountVis, limit);
		return accounts;
	}

	/**
	 * Several words typed: accounts as contacts ({@link #contactsOfWords}), their
	 * full-text AND from the GIN index, capped ({@link #WORD_CANDIDATES}) and then
	 * ordered by name; misspelt: a name part alike (word similarity), capped candidates
	 * from the trigram index ({@link #NEAR_NAME_CANDIDATES}), ranked before their rows
	 * are read.
	 */
	private List<SearchHit> accountsOfWords(String tsq, String q, Extra accountVis, int limit, Settings settings) {
		settings.apply();
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
				tsq, accountVis, limit);
		topUp(settings, accounts,
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
				q, accountVis, limit);
		return accounts;
	}

	/**
	 * One word typed: through {@code contact_search_words}, the words starting with it
	 * and, for each, the first contacts in name order of each owner whose contacts the
	 * user may see (one index range each), so a common name reads as little as a rare
	 * one; the rows shown are checked against the full-text query and the visibility rule
	 * once more. Misspelt: the name words nearest it (trigrams over the few thousand
	 * distinct name words), then their contacts the same way, ranked by how alike the
	 * whole name is; an e-mail only when an address was typed (capped candidates from the
	 * trigram index).
	 */
	private List<SearchHit> contactsOfOneWord(String tsq, String q, String word, Visibility visibility,
			Extra contactVis, int limit, Settings settings) {
		String keys = AccountAccess.contactOwnerKeys(visibility);
		List<SearchHit> contacts = words("""
				with w as materialized (
				  select id from (
				    select id, word from search_words where word >= :word order by word limit %d
				  ) w where word like :word || '%%'
				), hits as (
				  select distinct s.contact_id, s.sort_name
				  from w %s cross join lateral (
				    select l.contact_id, l.sort_name from contact_search_words l
				    where l.word_id = w.id %s
				    order by l.sort_name, l.contact_id limit :limit
				  ) s
				)
				select 'CONTACT' as kind, c.id, c.first_name || ' ' || c.last_name as title,
				       concat_ws(' · ', c.email, a.name) as subtitle
				from (select contact_id, sort_name from hits order by sort_name, contact_id limit :limit) h
				join contacts c on c.id = h.contact_id left join accounts a on a.id = c.account_id
				where c.search @@ to_tsquery('simple', :tsq) %s
				order by h.sort_name, h.contact_id
				""".formatted(PREFIX_WORDS, ownerKeys(keys), ownerKeyCondition(keys), contactVis.sql()), tsq, word,
				contactVis, limit);
		Extra emailVis = Extra.of(AccountAccess.restrictContactsAsFilter(new SqlWhere(), visibility, "e"));
		// The e-mail branch is written in only when an address was typed: as a condition
		// on the parameter, every plan of the statement had a trigram scan of the
		// contacts'
		// addresses, pruned only when run (Settings: that statement is planned per run).
		boolean address = q.indexOf('@') >= 0;
		topUp(settings, contacts, """
				with w as materialized (
				  select id from search_words
				  where in_name and word %%> :word order by word_similarity(:word, word) desc, word limit %1$d
				), near as materialized (
				  (select s.contact_id as id, word_similarity(:q, s.sort_name) as rank, s.sort_name
				   from w %2$s cross join lateral (
				     select l.contact_id, l.sort_name
				     from (select l.contact_id, l.sort_name from contact_search_words l
				           where l.word_id = w.id %3$s and l.contact_id <> all(string_to_array(:found, ',')::bigint[])
				           order by l.sort_name, l.contact_id limit %4$d) l
				     where l.sort_name %%> :q
				     order by l.sort_name, l.contact_id limit :limit) s)
				  %5$s
				), top as (
				  select id, max(rank) as rank, min(sort_name) as sort_name from near
				  group by id order by rank desc, sort_name, id limit :limit
				)
				select 'CONTACT' as kind, c.id, c.first_name || ' ' || c.last_name as title,
				       concat_ws(' · ', c.email, a.name) as subtitle
				from top k join contacts c on c.id = k.id left join accounts a on a.id = c.account_id
				where true %6$s
				order by k.rank desc, k.sort_name, k.id
				""".formatted(NEAR_WORDS, ownerKeys(keys), ownerKeyCondition(keys), WORD_WALK, address ? """
				union all
				  (select e.id, similarity(lower(e.email), :q), e.sort_name from contacts e
				   where lower(e.email) %% :q and e.id <> all(string_to_array(:found, ',')::bigint[]) %s
				   limit %d)""".formatted(emailVis.sql(), NEAR_NAME_CANDIDATES) : "", contactVis.sql()), q, word,
				contactVis, limit);
		return contacts;
	}

	/**
	 * Several words typed ("Maximilian Schmidt"): their full-text AND from the GIN index,
	 * which is already narrow, capped ({@link #WORD_CANDIDATES}) and then ordered.
	 * Walking one word's contacts in name order would miss a namesake further on in a
	 * common name: 838 of the rep's Schmidts come before "Schmidt, Maximilian" at a
	 * million contacts. Misspelt: whole names alike (word similarity), capped candidates
	 * from the trigram index, ranked.
	 */
	private List<SearchHit> contactsOfWords(String tsq, String q, Visibility visibility, Extra contactVis, int limit,
			Settings settings) {
		settings.apply();
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
				""".formatted(contactVis.sql(), WORD_CANDIDATES), tsq, null, contactVis, limit);
		Extra nameVis = Extra.of(AccountAccess.restrictContactsAsFilter(new SqlWhere(), visibility, "n"));
		Extra emailVis = Extra.of(AccountAccess.restrictContactsAsFilter(new SqlWhere(), visibility, "e"));
		topUp(settings, contacts, """
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
				""".formatted(nameVis.sql(), emailVis.sql(), NEAR_NAME_CANDIDATES), q, null, contactVis, limit);
		return contacts;
	}

	private List<SearchHit> words(String sql, String tsq, Extra extra, int limit) {
		return words(sql, tsq, null, extra, limit);
	}

	private List<SearchHit> words(String sql, String tsq, String word, Extra extra, int limit) {
		var statement = extra.where().bind(jdbc.sql(sql)).param("tsq", tsq).param("limit", limit);
		if (word != null) {
			statement.param("word", word);
		}
		return new ArrayList<>(statement.query(Rows.of(SearchHit.class)).list());
	}

	/** The owners to read one range each for, as a join ({@code k.owner_key}). */
	private static String ownerKeys(String keys) {
		return keys == null ? "" : "cross join unnest(" + keys + ") k(owner_key)";
	}

	private static String ownerKeyCondition(String keys) {
		return keys == null ? "" : "and l.owner_key = k.owner_key";
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
	private void topUp(Settings settings, List<SearchHit> hits, String sql, String q, Extra extra, int limit) {
		topUp(settings, hits, sql, q, null, extra, limit);
	}

	private void topUp(Settings settings, List<SearchHit> hits, String sql, String q, String word, Extra extra,
			int limit) {
		if (hits.size() >= limit) {
			return;
		}
		settings.apply();
		// Ids as text: a Java array would be expanded into a parameter list, not bound as
		// one array.
		String found = hits.stream().map(h -> String.valueOf(h.id())).collect(Collectors.joining(","));
		var statement = extra.where()
			.bind(jdbc.sql(sql))
			.param("q", q)
			.param("found", found)
			.param("limit", limit - hits.size());
		if (word != null) {
			statement.param("word", word);
		}
		hits.addAll(statement.query(Rows.of(SearchHit.class)).list());
	}

	/**
	 * The transaction's settings for the trigram statements (the misspellings' top-ups
	 * and several words typed), made once, in one statement, before the first of them:
	 * pg_trgm's thresholds, {@link #SIMILARITY_THRESHOLD} and
	 * {@link #NAME_WORD_SIMILARITY} (the operators and their index scans read them when
	 * run, so a generic plan obeys them too); and for the statements that read a large
	 * table through a trigram index ({@code contacts}, {@code accounts}: several words
	 * typed, an e-mail address) {@code plan_cache_mode = force_custom_plan}: a prepared
	 * statement's generic plan may read such a table in table order until enough rows are
	 * alike, 100x slower. The one-word statements don't need that: their words are read
	 * in word order from {@code word >= :word}, and a misspelling's nearest words from
	 * the name words' trigram index, whose generic plan is the custom one (a bitmap scan
	 * of a few thousand words, all of them ranked); so a page that finds enough by words
	 * sends no setting, and a misspelt one only the thresholds, its statements planned
	 * once per connection (planning was about half of what PostgreSQL spent on the search
	 * pages at a million contacts).
	 */
	private final class Settings {

		private final boolean customPlans;

		private boolean applied;

		Settings(boolean customPlans) {
			this.customPlans = customPlans;
		}

		void apply() {
			if (applied) {
				return;
			}
			applied = true;
			jdbc.sql("""
					select set_config('pg_trgm.similarity_threshold', :similarity, true),
					       set_config('pg_trgm.word_similarity_threshold', :wordSimilarity, true)"""
					+ (customPlans ? ", set_config('plan_cache_mode', 'force_custom_plan', true)" : ""))
				.param("similarity", String.valueOf(SIMILARITY_THRESHOLD))
				.param("wordSimilarity", String.valueOf(NAME_WORD_SIMILARITY))
				.query()
				.singleRow();
		}

	}

}
