package org.opencrm.core.report;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One row of a report: values in column order (nulls allowed), and whether it is a totals
 * row (computed in SQL, e.g. by grouping sets; totals rows come after the rows they add
 * up).
 */
public record ReportRow(boolean total, List<Object> values) {

	public static ReportRow of(boolean total, Object... values) {
		return new ReportRow(total, Collections.unmodifiableList(Arrays.asList(values.clone())));
	}

	public Object get(int column) {
		return values.get(column);
	}
}
