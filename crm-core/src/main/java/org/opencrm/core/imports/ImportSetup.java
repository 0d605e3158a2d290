package org.opencrm.core.imports;

import java.util.List;

/**
 * The wizard's mapping step: the file's header, the field each column fills (null:
 * ignored), the match key, what the file was read as, and what the record type offers.
 */
public record ImportSetup(ImportSummary summary, List<String> header, List<String> mapping, String matchKey,
		String charset, String delimiter, List<ImportField> fields, List<String> matchKeys) {

	/** Columns that fill no field: ignored, and the wizard says so. */
	public List<String> ignoredColumns() {
		java.util.List<String> ignored = new java.util.ArrayList<>();
		for (int i = 0; i < header.size(); i++) {
			if (mapping.get(i) == null) {
				ignored.add(header.get(i));
			}
		}
		return ignored;
	}

	/** Required fields no column fills: the import can't start. */
	public List<String> missingRequired() {
		return fields.stream().filter(f -> f.required() && !mapping.contains(f.key())).map(ImportField::key).toList();
	}

}
