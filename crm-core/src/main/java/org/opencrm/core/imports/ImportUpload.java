package org.opencrm.core.imports;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.opencrm.core.csv.CsvDialect;
import org.opencrm.core.csv.CsvRecords;
import org.opencrm.core.csv.CsvRefusedException;
import org.opencrm.core.csv.CsvRow;
import org.opencrm.core.csv.CsvScan;
import org.opencrm.core.user.CrmUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The wizard's first step: stores an upload as it streams in ({@link ImportFiles}),
 * checked on the way ({@link CsvScan}), then reads its header and guesses the mapping.
 */
@Component
class ImportUpload {

	private final JdbcClient jdbc;

	private final ImportFiles files;

	private final ImportSettings settings;

	private final ImportTargets targets;

	private final Clock clock;

	ImportUpload(JdbcClient jdbc, ImportFiles files, ImportSettings settings, ImportTargets targets, Clock clock) {
		this.jdbc = jdbc;
		this.files = files;
		this.settings = settings;
		this.targets = targets;
		this.clock = clock;
	}

	/** Runs in the caller's transaction: a refused file leaves nothing behind. */
	long upload(String type, String fileName, InputStream in, CrmUser user) throws IOException {
		ImportTarget target = targets.target(type, user);
		long id = jdbc.sql("""
				insert into imports (record_type, file_name, created_by, state, charset, delimiter, header, mapping,
				                     size_bytes, chunk_count, data_rows, created_at, updated_at)
				values (:type, :name, :user, 'MAPPING', 'UTF-8', ',', '[]', '[]', 0, 0, 0, :now, :now)
				returning id
				""")
			.param("type", type)
			.param("name", fileName == null || fileName.isBlank() ? "upload.csv" : trim(fileName, 200))
			.param("user", user.id())
			.param("now", Timestamp.from(clock.instant()))
			.query(Long.class)
			.single();
		CsvScan scan = new CsvScan(settings.maxLineBytes());
		byte[] buf = new byte[settings.chunkKb() * 1024];
		int chunks = 0;
		int n;
		while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
			scan.feed(buf, n);
			files.write(id, chunks++, buf, n);
		}
		CsvDialect dialect = scan.finish();
		List<String> header;
		try (CsvRecords records = CsvRecords.open(files.open(id, chunks), dialect, settings.maxLineBytes())) {
			CsvRow head = records.next();
			if (head == null || !head.readable() || head.fields().stream().allMatch(String::isBlank)) {
				throw new CsvRefusedException("csv.badHeader", "The first line must name the columns.");
			}
			header = head.fields().stream().map(String::trim).toList();
		}
		List<String> mapping = ImportMapping.guess(header, target.fields());
		jdbc.sql(
				"""
						update imports set charset = :charset, bom = :bom, delimiter = :delimiter, header = cast(:header as jsonb),
						       mapping = cast(:mapping as jsonb), match_key = :match, size_bytes = :size, chunk_count = :chunks,
						       data_rows = :rows
						where id = :id
						""")
			.param("charset", dialect.charset().name())
			.param("bom", dialect.bom())
			.param("delimiter", dialect.delimiterName())
			.param("header", ImportJobs.JSON.writeValueAsString(header))
			.param("mapping", ImportJobs.JSON.writeValueAsString(mapping))
			.param("match", defaultMatch(target, mapping))
			.param("size", scan.bytes())
			.param("chunks", chunks)
			.param("rows", scan.nonBlankLines() - 1)
			.param("id", id)
			.update();
		return id;
	}

	private static String defaultMatch(ImportTarget target, List<String> mapping) {
		return target.matchKeys().stream().filter(mapping::contains).findFirst().orElse(null);
	}

	private static String trim(String s, int max) {
		return s.length() <= max ? s : s.substring(0, max);
	}

}
