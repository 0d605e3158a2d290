package org.opencrm.core.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.function.BiFunction;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.Visibility;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The import wizard's steps: upload ({@link ImportUpload}), mapping, dry run
 * ({@link ImportDryRun}), start, progress ({@link ImportSummaries}), the rejected rows'
 * report ({@link ImportRejectsReport}), revert. The run itself is {@link ImportRunner}'s.
 * An import is its creator's (admins see every one); anyone else is answered "not found".
 */
@Service
@EnableConfigurationProperties(ImportSettings.class)
public class ImportService {

	private final JdbcClient jdbc;

	private final ImportTargets targets;

	private final ImportJobs jobs;

	private final ImportSummaries summaries;

	private final ImportUpload uploads;

	private final ImportDryRun dryRun;

	private final ImportRejectsReport rejects;

	private final Clock clock;

	ImportService(JdbcClient jdbc, ImportTargets targets, ImportJobs jobs, ImportSummaries summaries,
			ImportUpload uploads, ImportDryRun dryRun, ImportRejectsReport rejects, Clock clock) {
		this.jdbc = jdbc;
		this.targets = targets;
		this.jobs = jobs;
		this.summaries = summaries;
		this.uploads = uploads;
		this.dryRun = dryRun;
		this.rejects = rejects;
		this.clock = clock;
	}

	/** The record types this role may import, in a stable order. */
	public List<String> types(Role role) {
		return targets.types(role);
	}

	/**
	 * Stores an upload, refusing an empty or binary file or one with an over-long line
	 * (nothing is kept then), detects its encoding and delimiter, reads its header and
	 * guesses the mapping.
	 */
	@Transactional(rollbackFor = IOException.class)
	public long upload(String type, String fileName, InputStream in, CrmUser user) throws IOException {
		return uploads.upload(type, fileName, in, user);
	}

	/**
	 * The one-step import of a list page: stores the upload as {@link #upload} does and,
	 * when its header names every required field, queues it at once with the guessed
	 * mapping and match key; otherwise it waits on the wizard's mapping step. Either way
	 * the rows are written in the background, in batches ({@code ImportRunner}).
	 */
	@Transactional(rollbackFor = IOException.class)
	public long uploadAndStart(String type, String fileName, InputStream in, CrmUser user) throws IOException {
		long id = uploads.upload(type, fileName, in, user);
		if (setup(id, user).missingRequired().isEmpty()) {
			start(id, user);
		}
		return id;
	}

	/** The fields a record type takes from a file, in the wizard's order. */
	public List<ImportField> fields(String type, CrmUser user) {
		return targets.target(type, user).fields();
	}

	@Transactional(readOnly = true)
	public ImportSetup setup(long id, CrmUser user) {
		ImportSummary summary = summaries.summary(id, user);
		ImportJob job = jobs.job(id);
		ImportTarget target = targets.of(job.recordType());
		return new ImportSetup(summary, job.header(), job.mapping(), job.matchKey(), job.dialect().charset().name(),
				job.dialect().delimiterName(), target.fields(), target.matchKeys());
	}

	/** The wizard's mapping and match key; only before the import starts. */
	@Transactional
	public void map(long id, List<String> mapping, String matchKey, CrmUser user) {
		requireState(summaries.summary(id, user), "MAPPING");
		ImportJob job = jobs.job(id);
		ImportTarget target = targets.of(job.recordType());
		List<String> clean = ImportMapping.clean(mapping, job.header().size(), target.fields());
		String match = matchKey != null && target.matchKeys().contains(matchKey) ? matchKey : null;
		jdbc.sql("update imports set mapping = cast(? as jsonb), match_key = ?, version = version + 1 where id = ?")
			.params(ImportJobs.JSON.writeValueAsString(clean), match, id)
			.update();
	}

	/** A dry run over the first rows: nothing is written ({@link ImportDryRun}). */
	@Transactional(readOnly = true, rollbackFor = IOException.class)
	public ImportPreview preview(long id, CrmUser user) throws IOException {
		summaries.summary(id, user);
		return dryRun.preview(jobs.job(id), Visibility.of(user));
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
			.params(Timestamp.from(clock.instant()), id)
			.update();
	}

	/** Queues undoing everything the import created or changed. */
	@Transactional
	public void revert(long id, CrmUser user) {
		ImportSummary summary = summaries.summary(id, user);
		if (!summary.revertible()) {
			throw new RuleViolationException("import.notRevertible", "Only a finished import can be reverted.");
		}
		jdbc.sql("""
				update imports set state = 'REVERTING', lease_owner = null, lease_until = null, finished_at = null,
				       updated_at = ?, version = version + 1
				where id = ?
				""").params(Timestamp.from(clock.instant()), id).update();
	}

	@Transactional(readOnly = true)
	public ImportSummary summary(long id, CrmUser user) {
		return summaries.summary(id, user);
	}

	/** The user's imports (an admin's: everyone's), newest first, a page before an id. */
	@Transactional(readOnly = true)
	public List<ImportSummary> list(CrmUser user, Long before, int limit) {
		return summaries.list(user, before, limit);
	}

	/**
	 * The rejected rows as CSV: line, column, reason, the row as it was; streamed.
	 * {@code text} gives the words for a message key (the header's
	 * {@code import.report.*}, each reason's key) or the default given.
	 */
	@Transactional(readOnly = true)
	public void writeRejects(long id, CrmUser user, Writer out, BiFunction<String, String, String> text)
			throws IOException {
		summaries.summary(id, user);
		rejects.write(id, out, text);
	}

	private static void requireState(ImportSummary s, String state) {
		if (!state.equals(s.state())) {
			throw new RuleViolationException("import.wrongState", "The import has moved on; reload the page.");
		}
	}

}
