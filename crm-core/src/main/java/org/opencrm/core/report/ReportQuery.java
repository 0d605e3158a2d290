package org.opencrm.core.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.opencrm.core.shared.SqlWhere;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a report's SQL and streams the result to a {@link RowHandler}. PostgreSQL's driver
 * reads a result set in batches of {@link #FETCH_SIZE} rows only inside a transaction
 * (autocommit off), so the query runs in a read-only one (joining the caller's when there
 * is one): memory holds one batch, never the whole result. The select list must match the
 * report's columns in order; one extra boolean column at the end marks totals rows.
 */
@Component
public class ReportQuery {

	static final int FETCH_SIZE = 500;

	private final NamedParameterJdbcTemplate jdbc;

	private final TransactionTemplate readOnly;

	ReportQuery(DataSource dataSource, PlatformTransactionManager transactions) {
		JdbcTemplate template = new JdbcTemplate(dataSource);
		template.setFetchSize(FETCH_SIZE);
		this.jdbc = new NamedParameterJdbcTemplate(template);
		this.readOnly = new TransactionTemplate(transactions);
		this.readOnly.setReadOnly(true);
	}

	/**
	 * Streams {@code sql} with the named parameters of {@code where} (its conditions are
	 * the caller's to place).
	 */
	public void stream(String sql, SqlWhere where, List<ReportColumn> columns, RowHandler rows) {
		stream(sql, where.params(), columns, rows);
	}

	public void stream(String sql, Map<String, ?> params, List<ReportColumn> columns, RowHandler rows) {
		readOnly.executeWithoutResult(status -> jdbc.query(sql, params, (ResultSet rs) -> {
			read(rs, columns, rows);
			return null;
		}));
	}

	private static void read(ResultSet rs, List<ReportColumn> columns, RowHandler rows) throws SQLException {
		int n = columns.size();
		boolean flagged = rs.getMetaData().getColumnCount() > n;
		while (rs.next()) {
			Object[] values = new Object[n];
			for (int i = 0; i < n; i++) {
				values[i] = columns.get(i).type().read(rs, i + 1);
			}
			if (!rows.accept(ReportRow.of(flagged && rs.getBoolean(n + 1), values))) {
				return;
			}
		}
	}

}
