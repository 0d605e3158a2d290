package org.opencrm.core.health;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opencrm.core.shared.Keyset;
import org.opencrm.core.shared.KeysetPage;
import org.opencrm.core.shared.SqlWhere;
import org.opencrm.core.user.Visibility;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the stored health of accounts (computed on a schedule elsewhere; never on page
 * view).
 */
@Service
@Transactional(readOnly = true)
public class CustomerHealthQuery {

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final String COLUMNS = """
			h.account_id, a.name as account_name, h.score, h.previous_score, h.band, h.rfm_segment, h.recency_days,
			h.frequency, h.monetary, h.factors::text as factors, h.computed_at
			""";

	private final JdbcClient jdbc;

	CustomerHealthQuery(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** One statement; empty until the account's health has first been computed. */
	public Optional<CustomerHealth> forAccount(long accountId) {
		return jdbc
			.sql("select " + COLUMNS + " from customer_health h join accounts a on a.id = h.account_id"
					+ " where h.account_id = ?")
			.param(accountId)
			.query(CustomerHealthQuery::map)
			.optional();
	}

	/**
	 * The accounts most at risk that this user may see (by account owner), lowest score
	 * first; one statement.
	 */
	public List<CustomerHealth> atRisk(Visibility visibility, int limit) {
		SqlWhere where = visibility.restrict(new SqlWhere().and("h.band = 'AT_RISK'"), "a.owner_id");
		return where
			.bind(jdbc.sql("select " + COLUMNS + " from customer_health h join accounts a on a.id = h.account_id"
					+ where.sql() + " order by h.score, h.account_id limit :limit"))
			.param("limit", limit)
			.query(CustomerHealthQuery::map)
			.list();
	}

	/**
	 * The at-risk list a page at a time: AT_RISK accounts this user may see (by account
	 * owner), lowest score first, walked by keyset over
	 * {@code (band, score, account_id)}; one statement.
	 */
	public KeysetPage<AtRiskAccount> atRiskPage(Visibility visibility, String cursor, int pageSize) {
		SqlWhere where = visibility.restrict(new SqlWhere().and("h.band = 'AT_RISK'"), "a.owner_id");
		Keyset.Cursor c = Keyset.decode(cursor);
		boolean forward = c == null || c.forward();
		if (c != null) {
			int score = c.intValue();
			where.and("(h.score, h.account_id) " + (forward ? ">" : "<") + " (:cursorScore, :cursorId)")
				.param("cursorScore", score)
				.param("cursorId", c.id());
		}
		String dir = forward ? " asc" : " desc";
		String sql = "select " + COLUMNS + ", a.owner_id, u.full_name as owner_name"
				+ " from customer_health h join accounts a on a.id = h.account_id left join users u on u.id = a.owner_id"
				+ where.sql() + " order by h.score" + dir + ", h.account_id" + dir + " limit :limit";
		List<AtRiskAccount> rows = where.bind(jdbc.sql(sql)).param("limit", pageSize + 1).query((rs, n) -> {
			long owner = rs.getLong("owner_id");
			Long ownerId = rs.wasNull() ? null : owner;
			return new AtRiskAccount(map(rs, n), ownerId, rs.getString("owner_name"));
		}).list();
		return Keyset.page(rows, pageSize, c, r -> String.valueOf(r.health().score()), r -> r.health().accountId(),
				null);
	}

	static CustomerHealth map(ResultSet rs, int row) throws SQLException {
		List<HealthFactor> factors = new ArrayList<>();
		for (JsonNode f : JSON.readTree(rs.getString("factors"))) {
			factors.add(
					new HealthFactor(f.path("code").asString(), f.path("points").asInt(), f.path("detail").asString()));
		}
		int previous = rs.getInt("previous_score");
		Integer previousScore = rs.wasNull() ? null : previous;
		int recency = rs.getInt("recency_days");
		Integer recencyDays = rs.wasNull() ? null : recency;
		BigDecimal monetary = rs.getBigDecimal("monetary");
		return new CustomerHealth(rs.getLong("account_id"), rs.getString("account_name"), rs.getInt("score"),
				previousScore, CustomerHealth.Band.valueOf(rs.getString("band")), rs.getString("rfm_segment"),
				recencyDays, rs.getInt("frequency"), monetary, List.copyOf(factors),
				rs.getTimestamp("computed_at").toInstant());
	}

}
