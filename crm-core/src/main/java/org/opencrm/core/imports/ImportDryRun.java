package org.opencrm.core.imports;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.opencrm.core.csv.CsvRecords;
import org.opencrm.core.csv.CsvRow;
import org.opencrm.core.user.Visibility;
import org.springframework.stereotype.Component;

/**
 * The wizard's preview: the first {@code previewScan} rows answered as the run would,
 * nothing written. Rows of the file don't see each other's writes (two rows with one new
 * e-mail both say "create"), but a repeated external id is rejected as in the run.
 */
@Component
class ImportDryRun {

	private final ImportFiles files;

	private final ImportSettings settings;

	private final ImportTargets targets;

	ImportDryRun(ImportFiles files, ImportSettings settings, ImportTargets targets) {
		this.files = files;
		this.settings = settings;
		this.targets = targets;
	}

	ImportPreview preview(ImportJob job, Visibility visibility) throws IOException {
		ImportTarget target = targets.of(job.recordType());
		RepeatedExternalIds repeated = new RepeatedExternalIds(job);
		List<ImportPreview.Row> shown = new ArrayList<>();
		int checked = 0;
		int[] counts = new int[ImportOutcome.Kind.values().length];
		boolean more = false;
		try (CsvRecords records = CsvRecords.open(files.open(job.id(), job.chunkCount()), job.dialect(),
				settings.maxLineBytes())) {
			records.expectFields(records.next().fields().size());
			CsvRow record;
			while ((record = records.next()) != null) {
				if (checked == settings.previewScan()) {
					more = true;
					break;
				}
				checked++;
				ImportOutcome repeatedId = repeated.claim(record);
				ImportRow row = record.readable() ? job.toRow(record) : null;
				ImportOutcome outcome = job.precheck(record, row, target.fields());
				if (outcome == null) {
					outcome = repeatedId;
				}
				if (outcome == null) {
					outcome = target.apply(row, job.matchKey(), visibility, true);
				}
				counts[outcome.kind().ordinal()]++;
				if (shown.size() < settings.previewRows()) {
					shown.add(new ImportPreview.Row(record.line(), mappedValues(job, record), outcome.kind(),
							outcome.column(), outcome.reasonKey(), outcome.reason()));
				}
			}
		}
		return new ImportPreview(shown, checked, counts[ImportOutcome.Kind.CREATE.ordinal()],
				counts[ImportOutcome.Kind.UPDATE.ordinal()], counts[ImportOutcome.Kind.UNCHANGED.ordinal()],
				counts[ImportOutcome.Kind.REJECT.ordinal()], more);
	}

	private static List<String> mappedValues(ImportJob job, CsvRow record) {
		List<String> values = new ArrayList<>();
		for (int i = 0; i < job.mapping().size(); i++) {
			if (job.mapping().get(i) != null) {
				values.add(record.value(i));
			}
		}
		return values;
	}

}
