package org.opencrm.core.imports;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a row changes on an existing record: per field the row fills, the current value
 * where the new one differs. Empty: the row changes nothing. The map is what the log
 * keeps to undo the update.
 */
public final class ImportChanges {

	private ImportChanges() {
	}

	public static Map<String, String> before(Map<String, String> current, Map<String, String> wanted) {
		Map<String, String> before = new LinkedHashMap<>();
		wanted.forEach((field, value) -> {
			if (!Objects.equals(current.get(field), value)) {
				before.put(field, current.get(field));
			}
		});
		return before;
	}

}
