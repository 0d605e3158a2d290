package org.opencrm.core.view;

import static org.opencrm.core.shared.Rows.textArray;

import java.util.List;
import java.util.Set;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.StaleEditException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Saved list views: each user's own and the shared ones. Everyone who can open a list
 * sees its shared views (the rows shown are still narrowed by the user's visibility);
 * only the owner or an admin changes or deletes one. A view the user may not see is "not
 * found".
 */
@Service
public class SavedViews {

	public static final Set<String> KINDS = Set.of("accounts", "contacts", "leads", "deals");

	public static final int MAX_NAME = 80;

	public static final int MAX_PER_USER = 100;

	static final int MAX_QUERY = 2000;

	private static final String SELECT = """
			select v.id, v.owner_id, u.full_name as owner_name, v.list_kind, v.name, v.shared, v.filter_query,
			       v.columns, v.sort, v.version
			from saved_views v join users u on u.id = v.owner_id
			""";

	private static final RowMapper<SavedView> ROW = (rs, n) -> new SavedView(rs.getLong("id"), rs.getLong("owner_id"),
			rs.getString("owner_name"), rs.getString("list_kind"), rs.getString("name"), rs.getBoolean("shared"),
			rs.getString("filter_query"), textArray(rs, "columns"), rs.getString("sort"), rs.getLong("version"));

	private final JdbcClient jdbc;

	SavedViews(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The views menu of one list: the user's own and the shared ones, by name; one
	 * statement.
	 */
	@Transactional(readOnly = true)
	public List<SavedView> menu(String listKind, long userId) {
		return jdbc.sql(SELECT + """
				where v.list_kind = :kind and (v.owner_id = :user or v.shared)
				order by lower(v.name), v.id limit 200
				""").param("kind", listKind).param("user", userId).query(ROW).list();
	}

	/** A view the user may use: their own or a shared one. */
	@Transactional(readOnly = true)
	public SavedView get(long id, long userId) {
		return jdbc.sql(SELECT + " where v.id = :id and (v.owner_id = :user or v.shared)")
			.param("id", id)
			.param("user", userId)
			.query(ROW)
			.optional()
			.orElseThrow(() -> new NotFoundException("SavedView", id));
	}

	@Transactional
	public long create(long userId, SaveView cmd) {
		String name = check(cmd);
		long count = jdbc.sql("select count(*) from saved_views where owner_id = ?")
			.param(userId)
			.query(Long.class)
			.single();
		if (count >= MAX_PER_USER) {
			throw new RuleViolationException("view.tooMany", "You have too many saved views.", MAX_PER_USER);
		}
		return jdbc.sql("""
				insert into saved_views (owner_id, list_kind, name, shared, filter_query, columns, sort)
				values (:owner, :kind, :name, :shared, :query, :columns, :sort)
				returning id
				""")
			.param("owner", userId)
			.param("kind", cmd.listKind())
			.param("name", name)
			.param("shared", cmd.shared())
			.param("query", cmd.filterQuery())
			.param("columns", cmd.columns().toArray(String[]::new))
			.param("sort", cmd.sort())
			.query(Long.class)
			.single();
	}

	/**
	 * Replaces the view's name, sharing and list state; only its owner or an admin may,
	 * and only from the version they saw.
	 */
	@Transactional
	public void update(long id, SaveView cmd, long userId, boolean admin) {
		SavedView view = editable(id, userId, admin);
		if (!view.listKind().equals(cmd.listKind())) {
			throw new RuleViolationException("view.kind.unknown", "This list has no saved views.");
		}
		String name = check(cmd);
		int changed = jdbc.sql("""
				update saved_views set name = :name, shared = :shared, filter_query = :query, columns = :columns,
				       sort = :sort, version = version + 1, updated_at = now()
				where id = :id and version = :version
				""")
			.param("id", id)
			.param("version", cmd.version())
			.param("name", name)
			.param("shared", cmd.shared())
			.param("query", cmd.filterQuery())
			.param("columns", cmd.columns().toArray(String[]::new))
			.param("sort", cmd.sort())
			.update();
		if (changed == 0) {
			throw new StaleEditException("SavedView", id, cmd.version(), view.version());
		}
	}

	@Transactional
	public void delete(long id, long userId, boolean admin) {
		editable(id, userId, admin);
		jdbc.sql("delete from saved_views where id = ?").param(id).update();
	}

	private SavedView editable(long id, long userId, boolean admin) {
		SavedView view = admin ? jdbc.sql(SELECT + " where v.id = :id")
			.param("id", id)
			.query(ROW)
			.optional()
			.orElseThrow(() -> new NotFoundException("SavedView", id)) : get(id, userId);
		if (!view.editableBy(userId, admin)) {
			throw new RuleViolationException("view.notYours", "Only the person who saved this view can change it.");
		}
		return view;
	}

	private static String check(SaveView cmd) {
		if (cmd.listKind() == null || !KINDS.contains(cmd.listKind())) {
			throw new RuleViolationException("view.kind.unknown", "This list has no saved views.");
		}
		String name = cmd.name() == null ? "" : cmd.name().strip();
		if (name.isEmpty()) {
			throw RuleViolationException.onField("name", "view.name.required", "Give the view a name.");
		}
		if (name.length() > MAX_NAME) {
			throw RuleViolationException.onField("name", "view.name.tooLong",
					"A name has at most " + MAX_NAME + " characters.", MAX_NAME);
		}
		if (cmd.filterQuery().length() > MAX_QUERY) {
			throw new RuleViolationException("view.query.tooLong", "These filters are too long to save.");
		}
		return name;
	}

}
