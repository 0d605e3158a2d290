package org.opencrm.sales.opportunity;

import java.time.Clock;
import java.util.List;
import org.opencrm.core.shared.CappedCount;
import org.opencrm.core.shared.Keyset;
import org.opencrm.core.shared.KeysetPage;
import org.opencrm.core.shared.SqlWhere;
import org.opencrm.core.user.Visibility;
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
	 * The first deals matching by close date, without counting them all (the search box).
	 */
	@Transactional(readOnly = true)
	public List<OpportunityRow> first(OpportunityFilter filter, Visibility visibility, int limit) {
		return page(OpportunityConditions.where(filter, visibility, clock.getZone()), null, limit, null).items();
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
			.query(OpportunityRow.class)
			.list();
		return Keyset.page(rows, pageSize, c, OpportunityRow::sortKey, OpportunityRow::id, total);
	}

}
