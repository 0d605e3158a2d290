package org.opencrm.sales.lead;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.opencrm.core.shared.CappedCount;
import org.opencrm.core.shared.Keyset;
import org.opencrm.core.shared.KeysetPage;
import org.opencrm.core.shared.KeysetSort;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.Rows;
import org.opencrm.core.shared.SqlWhere;
import org.opencrm.core.shared.TextQuery;
import org.opencrm.core.task.TaskTexts;
import org.opencrm.core.user.Visibility;
import org.opencrm.sales.shared.Scopes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the lead pages and the API read: the list (filtered, keyset-paged), one lead's
 * details, its activities and open follow-ups. Leads outside the user's
 * {@link Visibility} are "not found".
 */
@Service
public class LeadQuery {

	/**
	 * How many of the user's full-text matches the search box orders by creation, so a
	 * common name costs as much as a rare one. With more visible matches than this, the
	 * newest among them are shown.
	 */
	static final int SEARCH_CANDIDATES = 500;

	/**
	 * How many words starting with one word typed the search box reads the newest leads
	 * of, in word order (the word itself first): "schmidt" has a handful. With more, it
	 * reads the full-text matches as for several words ({@link #SEARCH_CANDIDATES}).
	 */
	static final int PREFIX_WORDS = 10;

	private final JdbcClient jdbc;

	private final TaskTexts texts;

	LeadQuery(JdbcClient jdbc, TaskTexts texts) {
		this.texts = texts;
		this.jdbc = jdbc;
	}

	/**
	 * Who owns the lead now (the assignment rules may have chosen), whoever may see it:
	 * for telling the user where a lead they saved went.
	 */
	@Transactional(readOnly = true)
	public Long ownerOf(long id) {
		return jdbc.sql("select owner_id from leads where id = ?")
			.param(id)
			.query((rs, n) -> rs.getObject(1, Long.class))
			.optional()
			.orElse(null);
	}

	/** The lead, if there is one {@code visibility} may see; for an import's matching. */
	@Transactional(readOnly = true)
	public Optional<LeadDetails> find(long id, Visibility visibility) {
		SqlWhere where = Scopes.restrict(new SqlWhere().and("l.id = :id", "id", id), visibility, "l.owner_id");
		return where
			.bind(jdbc.sql("select l.*, u.full_name as owner_name from leads l left join users u on u.id = l.owner_id "
					+ where.sql()))
			.query(LeadQuery::map)
			.optional();
	}

	@Transactional(readOnly = true)
	public LeadDetails details(long id, Visibility visibility) {
		LeadDetails lead = jdbc.sql("""
				select l.*, u.full_name as owner_name from leads l left join users u on u.id = l.owner_id
				where l.id = ?""")
			.param(id)
			.query(LeadQuery::map)
			.optional()
			.orElseThrow(() -> new NotFoundException("Lead", id));
		Scopes.requireVisible(jdbc, visibility, lead.ownerId(), "Lead", id);
		return lead;
	}

	@Transactional(readOnly = true)
	public List<LeadActivity> activities(long id, int limit) {
		return jdbc.sql("""
				select a.id, a.kind, a.subject, a.body, a.occurred_at, u.full_name as author_name
				from lead_activities a left join users u on u.id = a.author_id
				where a.lead_id = ? order by a.occurred_at desc, a.id desc limit ?
				""").params(id, limit).query(Rows.of(LeadActivity.class)).list();
	}

	@Transactional(readOnly = true)
	public List<LeadTask> openTasks(long id, int limit) {
		return jdbc.sql("""
				select t.id, t.title, t.title_key, t.title_args, t.due_at, t.status, u.full_name as assignee_name
				from tasks t join users u on u.id = t.assignee_id
				where t.related_ref = ? and t.status = 'OPEN' order by t.due_at, t.id limit ?
				""")
			.params("lead:" + id, limit)
			.query((rs, n) -> new LeadTask(rs.getLong("id"), texts.title(rs), Rows.instantOrNull(rs, "due_at"),
					rs.getString("status"), rs.getString("assignee_name")))
			.list();
	}

	@Transactional(readOnly = true)
	public KeysetPage<LeadRow> list(LeadFilter filter, Visibility visibility, String cursor, int pageSize) {
		SqlWhere where = where(filter, visibility);
		var total = where.cappedCount(jdbc, "leads l");
		return page(where, cursor, pageSize, total);
	}

	/**
	 * The search box: the newest leads {@code visibility} may see whose words start with
	 * what was typed. One word typed goes through {@code lead_search_words} (each word of
	 * a lead keyed by its owner, in creation order; kept by triggers): the words starting
	 * with it ({@link #PREFIX_WORDS} at most, the word itself first), then for each word
	 * and each owner whose leads the user may see the newest few (one index range each),
	 * so "schmidt" reads as much at a million contacts as at ten thousand and the leads
	 * shown are the true newest. The rows shown are checked against the full-text query
	 * and the visibility rule once more. More words than that start with what was typed
	 * ("an": every e-mail address starting with it is a word), or several words typed:
	 * the user's own leads and the matches meet in the bitmaps of
	 * {@code leads_owner_created_idx} and {@code leads_search_idx}, then at most
	 * {@link #SEARCH_CANDIDATES} rows are read and ordered (without the cap a common name
	 * read every match of the user's, and the list's newest-first walk could read all the
	 * user's leads when nothing matched). Both ways are one statement; the limits are
	 * written into it (as parameters, a generic plan may sort every row of a range
	 * instead of reading its first few).
	 */
	@Transactional(readOnly = true)
	public List<LeadRow> search(String typed, Visibility visibility, int limit) {
		String tsq = TextQuery.prefix(typed);
		if (tsq == null) {
			return List.of();
		}
		SqlWhere where = Scopes.restrict(new SqlWhere().and("h.search @@ to_tsquery('simple', :tsq)", "tsq", tsq),
				visibility, "h.owner_id");
		List<String> words = TextQuery.words(typed);
		if (words.size() > 1) {
			String sql = newestOf("select h.* from leads h %s limit %d".formatted(where.sql(), SEARCH_CANDIDATES),
					limit);
			return where.bind(jdbc.sql(sql)).query(Rows.of(LeadRow.class)).list();
		}
		String keys = Scopes.ownerKeys(visibility);
		String sql = """
				with w as materialized (
				  select id from (
				    select id, word from lead_words where word >= :word order by word limit %1$d
				  ) w where word like :word || '%%'
				), n as materialized (
				  select count(*) as words from w
				), hits as (
				  select distinct s.lead_id, s.created_at
				  from w %2$s cross join lateral (
				    select l.lead_id, l.created_at from lead_search_words l
				    where l.word_id = w.id %3$s
				    order by l.created_at desc, l.lead_id desc limit %4$d
				  ) s
				  where (select words from n) <= %5$d
				), top as (
				  select lead_id from hits order by created_at desc, lead_id desc limit %4$d
				)
				""".formatted(PREFIX_WORDS + 1, keys == null ? "" : "cross join unnest(" + keys + ") k(owner_key)",
				keys == null ? "" : "and l.owner_key = k.owner_key", limit, PREFIX_WORDS) + newestOf("""
						(select h.* from top t join leads h on h.id = t.lead_id %1$s)
						union all
						(select h.* from leads h %1$s and (select words from n) > %2$d limit %3$d)
						""".formatted(where.sql(), PREFIX_WORDS, SEARCH_CANDIDATES), limit);
		return where.bind(jdbc.sql(sql)).param("word", words.get(0)).query(Rows.of(LeadRow.class)).list();
	}

	/**
	 * The newest {@code limit} of the leads {@code from} selects, as the search box lists
	 * them.
	 */
	private static String newestOf(String from, int limit) {
		return """
				select l.id, l.first_name, l.last_name, l.email, l.company, l.source, l.status, l.score, l.mql,
				       u.full_name as owner_name, l.created_at, l.version, %s as sort_key, l.external_id
				from (%s) l
				left join users u on u.id = l.owner_id
				order by l.created_at desc, l.id desc limit %d
				""".formatted(KeysetSort.newestFirst("l.created_at").keyExpression(), from, limit);
	}

	private static SqlWhere where(LeadFilter filter, Visibility visibility) {
		SqlWhere where = new SqlWhere();
		Scopes.restrict(where, visibility, "l.owner_id");
		String tsq = TextQuery.prefix(filter.q());
		if (tsq != null) {
			where.and("l.search @@ to_tsquery('simple', :tsq)", "tsq", tsq);
		}
		if (filter.status() != null) {
			where.and("l.status = :status", "status", filter.status().name());
		}
		if (filter.ownerId() != null) {
			where.and("l.owner_id = :owner", "owner", filter.ownerId());
		}
		if (filter.source() != null && !filter.source().isBlank()) {
			where.and("l.source = :source", "source", filter.source().trim());
		}
		return where;
	}

	private KeysetPage<LeadRow> page(SqlWhere where, String cursor, int pageSize, CappedCount total) {
		Keyset.Cursor c = Keyset.decode(cursor);
		KeysetSort sort = KeysetSort.newestFirst("l.created_at");
		String orderBy = sort.orderBy(where, c, "l.id");
		String sql = """
				select l.id, l.first_name, l.last_name, l.email, l.company, l.source, l.status, l.score, l.mql,
				       u.full_name as owner_name, l.created_at, l.version, %s as sort_key, l.external_id
				from leads l left join users u on u.id = l.owner_id
				%s %s limit :limit
				""".formatted(sort.keyExpression(), where.sql(), orderBy);
		List<LeadRow> rows = where.bind(jdbc.sql(sql))
			.param("limit", pageSize + 1)
			.query(Rows.of(LeadRow.class))
			.list();
		return Keyset.page(rows, pageSize, c, LeadRow::sortKey, LeadRow::id, total);
	}

	/** The sources leads came from, for the list's filter. */
	@Transactional(readOnly = true)
	public List<String> sources() {
		return jdbc.sql("select distinct source from leads order by source limit 50").query(String.class).list();
	}

	private static LeadDetails map(ResultSet rs, int n) throws SQLException {
		return new LeadDetails(rs.getLong("id"), rs.getString("first_name"), rs.getString("last_name"),
				rs.getString("email"), rs.getString("phone"), rs.getString("company"), rs.getString("title"),
				rs.getString("industry"), rs.getString("country"), rs.getObject("company_size", Integer.class),
				rs.getString("source"), rs.getString("source_detail"), Rows.longOrNull(rs, "campaign_id"),
				LeadStatus.valueOf(rs.getString("status")), rs.getString("disqualified_reason"), rs.getInt("score"),
				rs.getBoolean("mql"), Rows.longOrNull(rs, "owner_id"), rs.getString("owner_name"),
				Rows.longOrNull(rs, "converted_account_id"), Rows.longOrNull(rs, "converted_contact_id"),
				Rows.longOrNull(rs, "converted_opportunity_id"), Rows.instantOrNull(rs, "converted_at"),
				Rows.instantOrNull(rs, "last_activity_at"), rs.getLong("version"), Rows.instantOrNull(rs, "created_at"),
				Rows.instantOrNull(rs, "updated_at"), rs.getString("external_id"));
	}

}
