package org.opencrm.web.lists;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opencrm.core.shared.RuleViolationException;

/**
 * The rows ticked on a list page, each as {@code id:version} (the version the user saw,
 * so a row changed meanwhile is skipped rather than overwritten). At most {@link #MAX}
 * rows per action: a bulk action runs row by row through each record's service.
 */
public record BulkSelection(Map<Long, Long> versions) {

	public static final int MAX = 500;

	private static final Pattern ROW = Pattern.compile("(\\d{1,18}):(\\d{1,18})");

	public BulkSelection {
		versions = Collections.unmodifiableMap(new LinkedHashMap<>(versions));
	}

	/**
	 * The ticked rows: {@code picked} (the row boxes) and, when "all on this page" was
	 * ticked, {@code page} (every row of the page, sent along for forms without script).
	 */
	public static BulkSelection of(List<String> picked, boolean allOnPage, List<String> page) {
		Map<Long, Long> versions = new LinkedHashMap<>();
		add(picked, versions);
		if (allOnPage) {
			add(page, versions);
		}
		if (versions.isEmpty()) {
			throw new RuleViolationException("bulk.none", "Select at least one row.");
		}
		if (versions.size() > MAX) {
			throw new RuleViolationException("bulk.tooMany",
					"At most " + MAX + " rows at once; narrow the list with its filters.", MAX);
		}
		return new BulkSelection(versions);
	}

	private static void add(List<String> rows, Map<Long, Long> into) {
		if (rows == null) {
			return;
		}
		for (String row : rows) {
			Matcher m = ROW.matcher(row == null ? "" : row.strip());
			if (!m.matches()) {
				throw new RuleViolationException("bulk.badRow", "The selection could not be read; reload the list.");
			}
			into.putIfAbsent(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
			if (into.size() > MAX) {
				throw new RuleViolationException("bulk.tooMany",
						"At most " + MAX + " rows at once; narrow the list with its filters.", MAX);
			}
		}
	}

	public int size() {
		return versions.size();
	}

}
