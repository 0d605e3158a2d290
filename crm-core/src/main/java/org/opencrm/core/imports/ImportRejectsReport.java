package org.opencrm.core.imports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.opencrm.core.csv.CsvOutput;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The rejected rows of an import as CSV: line, column, reason, the row as it was. */
@Component
class ImportRejectsReport {

	private final JdbcClient jdbc;

	ImportRejectsReport(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Streams the report; {@code text} gives the words for a message key (the header's
	 * {@code import.report.*}, each reason's key) or the default given.
	 */
	void write(long id, Writer out, BiFunction<String, String, String> text) throws IOException {
		CsvOutput csv = new CsvOutput(out);
		for (String column : List.of("line", "column", "reason", "raw")) {
			csv.text(text.apply("import.report." + column, column));
		}
		csv.endRow();
		try (Stream<String[]> rows = jdbc
			.sql("""
					select line, column_name, reason_key, reason, raw from import_rejects where import_id = ? order by line, id
					""")
			.param(id)
			.query((rs,
					n) -> new String[] { rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
							rs.getString(5) })
			.stream()) {
			rows.forEach(r -> {
				try {
					csv.number(r[0]).text(r[1]).text(r[2] == null ? r[3] : text.apply(r[2], r[3])).text(r[4]);
					csv.endRow();
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
		csv.flush();
	}

}
