package org.opencrm.core.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.opencrm.core.csv.CsvDialect;
import org.opencrm.core.csv.CsvOutput;
import org.opencrm.core.csv.CsvRecords;
import org.opencrm.core.csv.CsvRefusedException;
import org.opencrm.core.csv.CsvRow;
import org.opencrm.core.csv.CsvScan;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.Visibility;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The import wizard's steps: upload (checked and stored as it streams in), mapping, dry
 * run, start, progress, the rejected rows' report, revert. The run itself is
 * {@link ImportRunner}'s. An import is its creator's (admins see every one); anyone else
 * is answered "not found".
 */
@Service
@EnableConfigurationProperties(ImportSettings.class)
public class ImportService {

	static final JsonMapper JSON = JsonMapper.shared();

	static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
	};

	static final TypeReference<Map<String, String>> VALUES = new TypeReference<>() {
	};

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

	private final ImportFiles files;

	private final ImportSettings settings;

	private final Map<String, ImportTarget> targets;

	private final Clock clock;

	ImportService(JdbcClient jdbc, ImportFiles files, ImportSettings settings, List<ImportTarget> targets,
			Clock clock) {
		this.jdbc = jdbc;
		this.files = files;
		this.settings = settings;
		this.targets = targets.stream().collect(Collectors.toMap(ImportTarget::type, Function.identity()));
		this.clock = clock;
	}

	/** The record types this role may import, in a stable order. */
	public List<String> types(Role role) {
		return targets.values().stream().filter(t -> t.mayImport(role)).map(ImportTarget::type).sorted().toList();
	}

	/**
	 * Stores an upload, refusing an empty or binary file or one with an over-long line
	 * (nothing is kept then), detects its encoding and delimiter, reads its header and
	 * guesses the mapping.
	 */
	@Transactional(rollbackFor = IOException.class)
	public long upload(String type, String fileName, InputStream in, CrmUser user) throws IOException {
		ImportTarget target = target(type, user);
		long id = jdbc.sql("""
				insert into imports (record_type, file_name, created_by, state, charset, delimiter, header, mapping,
				                     size_bytes, chunk_count, data_rows, created_at, updated_at)
				values (:type, :name, :user, 'MAPPING', 'UTF-8', ',', '[]', '[]', 0, 0, 0, :now, :now)
				returning id
				""")
			.param("type", type)
			.param("name", fileName == null || fileName.isBlank() ? "upload.csv" : trim(fileName, 200))
			.param("user", user.id())
			.param("now", java.sql.Timestamp.from(clock.instant()))
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
			.param("header", JSON.writeValueAsString(header))
			.param("mapping", JSON.writeValueAsString(mapping))
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

	@Transactional(readOnly = true)
	public ImportSetup setup(long id, CrmUser user) {
		ImportSummary summary = summary(id, user);
		ImportJob job = job(id);
		ImportTarget target = targets.get(job.recordType());
		return new ImportSetup(summary, job.header(), job.mapping(), job.matchKey(), job.dialect().charset().name(),
				job.dialect().delimiterName(), target.fields(), target.matchKeys());
	}

	/** The wizard's mapping and match key; only before the import starts. */
	@Transactional
	public void map(long id, List<String> mapping, String matchKey, CrmUser user) {
		requireState(summary(id, user), "MAPPING");
		ImportJob job = job(id);
		ImportTarget target = targets.get(job.recordType());
		List<String> clean = ImportMapping.clean(mapping, job.header().size(), target.fields());
		String match = matchKey != null && target.matchKeys().contains(matchKey) ? matchKey : null;
		jdbc.sql("update imports set mapping = cast(? as jsonb), match_key = ?, version = version + 1 where id = ?")
			.params(JSON.writeValueAsString(clean), match, id)
			.update();
	}

	/**
	 * A dry run over the first {@code previewScan} rows: nothing is written, each row
	 * answered as the run would (but rows of the file don't see each other: two rows with
	 * one new e-mail both say "create").
	 */
	@Transactional(readOnly = true, rollbackFor = IOException.class)
	public ImportPreview preview(long id, CrmUser user) throws IOException {
		summary(id, user);
		ImportJob job = job(id);
		ImportTarget target = targets.get(job.recordType());
		Visibility visibility = Visibility.of(user);
		List<ImportPreview.Row> shown = new ArrayList<>();
		int checked = 0;
		int[] counts = new int[ImportOutcome.Kind.values().length];
		boolean more = false;
		try (CsvRecords records = CsvRecords.open(files.open(id, job.chunkCount()), job.dialect(),
				settings.maxLineBytes())) {
			records.expectFields(records.next().fields().size());
			CsvRow record;
			while ((record = records.next()) != null) {
				if (checked == settings.previewScan()) {
					more = true;
					break;
				}
				checked++;
				ImportRow row = record.readable() ? job.toRow(record) : null;
				ImportOutcome outcome = job.precheck(record, row, target.fields());
				if (outcome == null) {
					outcome = target.apply(row, job.matchKey(), visibility, true);
				}
				counts[outcome.kind().ordinal()]++;
				if (shown.size() < settings.previewRows()) {
					List<String> values = new ArrayList<>();
					for (int i = 0; i < job.mapping().size(); i++) {
						if (job.mapping().get(i) != null) {
							values.add(record.value(i));
						}
					}
					shown.add(new ImportPreview.Row(record.line(), values, outcome.kind(), outcome.column(),
							outcome.reasonKey(), outcome.reason()));
				}
			}
		}
		return new ImportPreview(shown, checked, counts[ImportOutcome.Kind.CREATE.ordinal()],
				counts[ImportOutcome.Kind.UPDATE.ordinal()], counts[ImportOutcome.Kind.UNCHANGED.ordinal()],
				counts[ImportOutcome.Kind.REJECT.ordinal()], more);
	}

	/**
	 * Queues the import for a node to run; refused while a required field has no column.
	 */
	@Transactional
	public void start(long id, CrmUser user) {
		ImportSetup setup = setup(id, user);
		requireState(setup.summary(), "MAPPING");
		if (!setup.missingRequired().isEmpty()) {
			throw new RuleViolationException("import.missingRequired", "Choose a column for every required field.");
		}
		jdbc.sql("update imports set state = 'QUEUED', updated_at = ?, version = version + 1 where id = ?")
			.params(java.sql.Timestamp.from(clock.instant()), id)
			.update();
	}

	/** Queues undoing everything the import created or changed. */
	@Transactional
	public void revert(long id, CrmUser user) {
		ImportSummary summary = summary(id, user);
		if (!summary.revertible()) {
			throw new RuleViolationException("import.notRevertible", "Only a finished import can be reverted.");
		}
		jdbc.sql("""
				update imports set state = 'REVERTING', lease_owner = null, lease_until = null, finished_at = null,
				       updated_at = ?, version = version + 1
				where id = ?
				""").params(java.sql.Timestamp.from(clock.instant()), id).update();
	}

	@Transactional(readOnly = true)
	public ImportSummary summary(long id, CrmUser user) {
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
	@Transactional(readOnly = true)
	public List<ImportSummary> list(CrmUser user, Long before, int limit) {
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

	/**
	 * The rejected rows as CSV: line, column, reason, the row as it was; streamed.
	 * {@code text} gives the words for a message key (the header's
	 * {@code import.report.*}, each reason's key) or the default given.
	 */
	@Transactional(readOnly = true)
	public void writeRejects(long id, CrmUser user, Writer out, BiFunction<String, String, String> text)
			throws IOException {
		summary(id, user);
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

	ImportTarget target(String type, CrmUser user) {
		ImportTarget target = targets.get(type);
		if (target == null) {
			throw new RuleViolationException("import.unknownType", "Choose what to import.");
		}
		if (!target.mayImport(user.role())) {
			throw new AccessDeniedException("may not import " + type);
		}
		return target;
	}

	ImportTarget targetOf(String type) {
		return targets.get(type);
	}

	ImportJob job(long id) {
		return jdbc.sql("select * from imports where id = ?").param(id).query(ImportService::job).single();
	}

	static ImportJob job(ResultSet rs, int n) throws SQLException {
		CsvDialect dialect = new CsvDialect(Charset.forName(rs.getString("charset")), rs.getBoolean("bom"),
				CsvDialect.delimiterOf(rs.getString("delimiter")));
		List<String> header = JSON.readValue(rs.getString("header"), STRINGS);
		List<String> mapping = JSON.readValue(rs.getString("mapping"), STRINGS);
		return new ImportJob(rs.getLong("id"), rs.getString("record_type"), rs.getLong("created_by"),
				rs.getString("state"), dialect, header, mapping, rs.getString("match_key"), rs.getInt("chunk_count"),
				rs.getLong("last_line"));
	}

	private static void requireState(ImportSummary s, String state) {
		if (!state.equals(s.state())) {
			throw new RuleViolationException("import.wrongState", "The import has moved on; reload the page.");
		}
	}

	private static String trim(String s, int max) {
		return s.length() <= max ? s : s.substring(0, max);
	}

}
