package org.opencrm.service.knowledge;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencrm.core.shared.Actor;
import org.opencrm.core.shared.Keyset;
import org.opencrm.core.shared.KeysetPage;
import org.opencrm.core.shared.KeysetSort;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.Rows;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.SqlWhere;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The knowledge base: articles and categories, full-text search (title weighs more than
 * body), the customers' FAQ, and suggestions for a ticket's text. Reads for customers
 * ({@code publicOnly}) see published public articles only; agents see internal ones too,
 * editors drafts as well.
 */
@Service
public class KnowledgeBase {

	/**
	 * Private-use characters ts_headline puts around matches; swapped for {@code <mark>}
	 * after escaping.
	 */
	static final char MARK_START = '\uE000';

	static final char MARK_STOP = '\uE001';

	private static final String HEADLINE_OPTIONS = "StartSel=" + MARK_START + ", StopSel=" + MARK_STOP
			+ ", MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=\" … \"";

	/** Long ticket texts are cut to their most frequent significant words. */
	private static final int SUGGEST_WORDS = 40;

	private final KbArticleRepository articles;

	private final KbCategoryRepository categories;

	private final JdbcClient jdbc;

	private final Clock clock;

	KnowledgeBase(KbArticleRepository articles, KbCategoryRepository categories, JdbcClient jdbc, Clock clock) {
		this.articles = articles;
		this.categories = categories;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Transactional
	public long createArticle(ArticleCommand cmd) {
		requireCategory(cmd.categoryId());
		KbArticle article = new KbArticle(Actor.currentIdOrNull());
		article.revise(cmd, ArticleRenderer.render(cmd.body()), clock.instant());
		return articles.save(article).getId();
	}

	@Transactional
	public void updateArticle(long id, ArticleCommand cmd) {
		KbArticle article = articles.findById(id).orElseThrow(() -> new NotFoundException("Article", id));
		article.checkVersion(cmd.version());
		requireCategory(cmd.categoryId());
		article.revise(cmd, ArticleRenderer.render(cmd.body()), clock.instant());
	}

	@Transactional
	public long createCategory(String name, String description) {
		String trimmed = name == null ? "" : name.trim();
		if (trimmed.isEmpty()) {
			throw new RuleViolationException("kb.category.nameRequired", "A category needs a name");
		}
		if (jdbc.sql("select count(*) from kb_categories where lower(name) = lower(?)")
			.param(trimmed)
			.query(Long.class)
			.single() > 0) {
			throw new RuleViolationException("kb.category.duplicate", "A category with this name exists", trimmed);
		}
		int position = jdbc.sql("select coalesce(max(position), 0) + 1 from kb_categories")
			.query(Integer.class)
			.single();
		return categories.save(new KbCategory(trimmed, description, position)).getId();
	}

	/**
	 * An article for a reader: customers ({@code publicOnly}) get published public
	 * articles only, anything else is "not found" so a draft's existence doesn't leak.
	 */
	@Transactional(readOnly = true)
	public ArticleDetails article(long id, boolean publicOnly) {
		return jdbc.sql("""
				select a.id, a.category_id, c.name as category_name, a.title, a.body, a.body_html, a.status,
				       a.visibility, u.full_name as author_name, a.published_at, a.updated_at, a.version
				from kb_articles a
				join kb_categories c on c.id = a.category_id
				left join users u on u.id = a.author_id
				where a.id = :id
				""" + (publicOnly ? " and a.status = 'PUBLISHED' and a.visibility = 'PUBLIC'" : ""))
			.param("id", id)
			.query(Rows.of(ArticleDetails.class))
			.optional()
			.orElseThrow(() -> new NotFoundException("Article", id));
	}

	/**
	 * Full-text search in the user's own words ({@code websearch_to_tsquery}: quotes,
	 * "or", "-word"), best match first. Customers ({@code publicOnly}) search published
	 * public articles; staff also internal ones, and drafts when {@code includeDrafts}.
	 */
	@Transactional(readOnly = true)
	public List<ArticleHit> search(String text, boolean publicOnly, boolean includeDrafts, int limit) {
		if (text == null || text.isBlank()) {
			return List.of();
		}
		return hits("websearch_to_tsquery('english', :text)", text, publicOnly, includeDrafts, limit);
	}

	/**
	 * Published articles (internal ones included: agents read them) most relevant to a
	 * ticket's subject and description. The text's significant words are OR-ed, so a long
	 * ticket still matches articles that share only some of its words; more shared words
	 * rank higher.
	 */
	@Transactional(readOnly = true)
	public List<ArticleHit> suggest(String text, int limit) {
		if (text == null || text.isBlank()) {
			return List.of();
		}
		// to_tsvector drops stop words and stems; its most frequent lexemes, quoted,
		// OR-ed without re-stemming.
		String query = """
				(select to_tsquery('simple', string_agg(quote_literal(w.lexeme), ' | '))
				 from (select lexeme from unnest(to_tsvector('english', :text))
				       order by cardinality(positions) desc, lexeme limit %d) w)
				""".formatted(SUGGEST_WORDS);
		String clipped = text.length() > 20_000 ? text.substring(0, 20_000) : text;
		return hits(query, clipped, false, false, limit);
	}

	private List<ArticleHit> hits(String tsquery, String text, boolean publicOnly, boolean includeDrafts, int limit) {
		StringBuilder filter = new StringBuilder();
		if (publicOnly) {
			filter.append(" and a.status = 'PUBLISHED' and a.visibility = 'PUBLIC'");
		}
		else if (!includeDrafts) {
			filter.append(" and a.status = 'PUBLISHED'");
		}
		String sql = """
				with q as (select %s as query)
				select a.id, a.title, c.name as category_name, a.status, a.visibility, a.updated_at,
				       ts_rank(a.search, q.query) as rank,
				       ts_headline('english', a.body_text, q.query, :options) as snippet
				from kb_articles a
				cross join q
				join kb_categories c on c.id = a.category_id
				where q.query is not null and a.search @@ q.query %s
				order by rank desc, a.updated_at desc, a.id
				limit :limit
				""".formatted(tsquery, filter);
		return jdbc.sql(sql)
			.param("text", text)
			.param("options", HEADLINE_OPTIONS)
			.param("limit", limit)
			.query(KnowledgeBase::hit)
			.list();
	}

	private static ArticleHit hit(ResultSet rs, int n) throws SQLException {
		return new ArticleHit(rs.getLong("id"), rs.getString("title"), rs.getString("category_name"),
				markedSnippet(rs.getString("snippet")), rs.getDouble("rank"),
				ArticleStatus.valueOf(rs.getString("status")), ArticleVisibility.valueOf(rs.getString("visibility")),
				Rows.instantOrNull(rs, "updated_at"));
	}

	/**
	 * Escapes the snippet, then turns the match markers into {@code <mark>}: nothing from
	 * the text is markup.
	 */
	static String markedSnippet(String raw) {
		if (raw == null) {
			return "";
		}
		return escape(raw).replace(String.valueOf(MARK_START), "<mark>").replace(String.valueOf(MARK_STOP), "</mark>");
	}

	private static String escape(String s) {
		return s.replace("&", "&amp;")
			.replace("<", "&lt;")
			.replace(">", "&gt;")
			.replace("\"", "&quot;")
			.replace("'", "&#39;");
	}

	/**
	 * The FAQ: every category with published public articles, and those articles by
	 * title.
	 */
	@Transactional(readOnly = true)
	public List<FaqSection> faq() {
		Map<Long, FaqSection> sections = new LinkedHashMap<>();
		jdbc.sql("""
				select c.id as category_id, c.name, c.description, a.id, a.title
				from kb_categories c
				join kb_articles a on a.category_id = c.id and a.status = 'PUBLISHED' and a.visibility = 'PUBLIC'
				order by c.position, c.name, a.title, a.id
				""").query(rs -> {
			FaqSection section = sections.computeIfAbsent(rs.getLong("category_id"), id -> {
				try {
					return new FaqSection(id, rs.getString("name"), rs.getString("description"), new ArrayList<>());
				}
				catch (SQLException ex) {
					throw new IllegalStateException(ex);
				}
			});
			section.articles().add(new FaqSection.Entry(rs.getLong("id"), rs.getString("title")));
		});
		return List.copyOf(sections.values());
	}

	/** Categories with the number of articles staff see in each (drafts included). */
	@Transactional(readOnly = true)
	public List<CategorySummary> categories() {
		return jdbc.sql("""
				select c.id, c.name, c.description, count(a.id) as articles
				from kb_categories c left join kb_articles a on a.category_id = c.id
				group by c.id order by c.position, c.name
				""").query(Rows.of(CategorySummary.class)).list();
	}

	/** The editors' list: newest change first, optionally one status or category. */
	@Transactional(readOnly = true)
	public KeysetPage<ArticleRow> list(ArticleStatus status, Long categoryId, String cursor, int pageSize) {
		SqlWhere where = new SqlWhere();
		if (status != null) {
			where.and("a.status = :status", "status", status.name());
		}
		if (categoryId != null) {
			where.and("a.category_id = :category", "category", categoryId);
		}
		var total = where.cappedCount(jdbc, "kb_articles a");
		Keyset.Cursor c = Keyset.decode(cursor);
		KeysetSort sort = KeysetSort.newestFirst("a.updated_at");
		String orderBy = sort.orderBy(where, c, "a.id");
		String sql = """
				select a.id, a.title, c.name as category_name, a.status, a.visibility, u.full_name as author_name,
				       a.updated_at, %s as sort_key
				from kb_articles a
				join kb_categories c on c.id = a.category_id
				left join users u on u.id = a.author_id
				%s %s limit :limit
				""".formatted(sort.keyExpression(), where.sql(), orderBy);
		List<ArticleRow> rows = where.bind(jdbc.sql(sql))
			.param("limit", pageSize + 1)
			.query(Rows.of(ArticleRow.class))
			.list();
		return Keyset.page(rows, pageSize, c, ArticleRow::sortKey, ArticleRow::id, total);
	}

	private void requireCategory(long categoryId) {
		if (!categories.existsById(categoryId)) {
			throw new RuleViolationException("kb.article.unknownCategory", "Choose a category");
		}
	}

}
