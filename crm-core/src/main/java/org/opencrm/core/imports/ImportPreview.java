package org.opencrm.core.imports;

import java.util.List;

/**
 * A dry run over the first {@code checked} rows: what each of the first few would do, and
 * the totals.
 */
public record ImportPreview(List<Row> rows, int checked, int creates, int updates, int unchanged, int rejects,
		boolean more) {

	public record Row(long line, List<String> values, ImportOutcome.Kind outcome, String column, String reasonKey,
			String reason) {
	}

}
