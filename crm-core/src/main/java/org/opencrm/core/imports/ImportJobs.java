package org.opencrm.core.imports;

import java.nio.charset.Charset;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.opencrm.core.csv.CsvDialect;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an {@code imports} row as the run, the dry run and the wizard need it; its
 * header, mapping and logged "before" values are JSON.
 */
@Component
class ImportJobs {

	static final JsonMapper JSON = JsonMapper.shared();

	static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
	};

	static final TypeReference<Map<String, String>> VALUES = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	ImportJobs(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	ImportJob job(long id) {
		return jdbc.sql("select * from imports where id = ?").param(id).query(ImportJobs::job).single();
	}

	private static ImportJob job(ResultSet rs, int n) throws SQLException {
		CsvDialect dialect = new CsvDialect(Charset.forName(rs.getString("charset")), rs.getBoolean("bom"),
				CsvDialect.delimiterOf(rs.getString("delimiter")));
		List<String> header = JSON.readValue(rs.getString("header"), STRINGS);
		List<String> mapping = JSON.readValue(rs.getString("mapping"), STRINGS);
		return new ImportJob(rs.getLong("id"), rs.getString("record_type"), rs.getLong("created_by"),
				rs.getString("state"), dialect, header, mapping, rs.getString("match_key"), rs.getInt("chunk_count"),
				rs.getLong("last_line"));
	}

}
