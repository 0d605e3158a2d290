package org.opencrm.core.imports;

import java.util.List;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Role;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Imports as their lists and progress show them, and who may see one: its creator and
 * admins; anyone else is answered "not found".
 */
@Component
class ImportSummaries {

	private static final RowMapper<ImportSummary> SUMMARY = (rs, n) -> new ImportSummary(rs.getLong("id"),
			rs.getString("record_type"), rs.getString("file_name"), rs.getString("state"), rs.getLong("data_rows"),
			rs.getLong("processed"), rs.getLong("created_count"), rs.getLong("updated_count"),
			rs.getLong("unchanged_count"), rs.getLong("rejected_count"), rs.getLong("reverted_count"),
			rs.getString("error"), rs.getTimestamp("created_at").toInstant(),
			rs.getTimestamp("finished_at") == null ? null : rs.getTimestamp("finished_at").toInstant(),
			rs.getString("created_by_name"));

	private static final String SUMMARY_SELECT = """
			select i.*, u.full_name as created_by_name from imports i join users u on u.id = i.created_by
			""";

	private final JdbcClient jdbc;

	ImportSummaries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** One import, when the user may see it. */
	ImportSummary summary(long id, CrmUser user) {
		ImportSummary s = jdbc.sql(SUMMARY_SELECT + " where i.id = ?")
			.param(id)
			.query(SUMMARY)
			.optional()
			.orElseThrow(() -> new NotFoundException("Import", id));
		boolean own = jdbc.sql("select created_by from imports where id = ?")
			.param(id)
			.query(Long.class)
			.single() == user.id();
		if (!own && user.role() != Role.ADMIN) {
			throw new NotFoundException("Import", id);
		}
		return s;
	}

	/** The user's imports (an admin's: everyone's), newest first, a page before an id. */
	List<ImportSummary> list(CrmUser user, Long before, int limit) {
		return jdbc.sql(SUMMARY_SELECT + """
				where (:admin or i.created_by = :user) and i.id < :before
				order by i.id desc limit :limit
				""")
			.param("admin", user.role() == Role.ADMIN)
			.param("user", user.id())
			.param("before", before == null ? Long.MAX_VALUE : before)
			.param("limit", limit)
			.query(SUMMARY)
			.list();
	}

}
