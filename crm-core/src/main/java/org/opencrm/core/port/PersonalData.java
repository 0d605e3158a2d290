package org.opencrm.core.port;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.util.PGobject;

/**
 * What a module keeps about a person, for the privacy tools: every module (and each core
 * feature that stores people's data) implements it for its own tables, so the export
 * covers everything and the erasure leaves no trace, while no one reads or writes
 * another's tables. Both run in the privacy request's transaction, after core has locked
 * the contact; the contact itself, its consent log and the audit trail's values go last,
 * in core.
 *
 * <p>
 * An eraser removes what only concerns the person and anonymises what must stay for
 * others' sake (a ticket counts in the service statistics; a deal loses its primary
 * contact). The schema-wide erasure test fails when one is missing.
 */
public interface PersonalData {

	/**
	 * The order ({@code @Order}) of an eraser that finds its rows through another table's
	 * link (tickets by their contact, scores by their lead): it runs before the others
	 * cut those links.
	 */
	int FOLLOWS_LINKS = 100;

	/**
	 * This module's sections of the export: a name ({@code "tickets"}) → rows, each a
	 * column → value map of plain JSON values ({@link #plain}).
	 */
	Map<String, List<Map<String, Object>>> export(DataSubject person);

	/** Removes or anonymises what this module keeps about the person. */
	void erase(DataSubject person);

	/**
	 * Rows as JSON takes them: times as ISO-8601 text, jsonb as its text, arrays as
	 * lists, binary content as its size (an export names attachments; it doesn't carry
	 * them).
	 */
	static List<Map<String, Object>> plain(List<Map<String, Object>> rows) {
		return rows.stream().map(PersonalData::plainRow).toList();
	}

	private static Map<String, Object> plainRow(Map<String, Object> row) {
		Map<String, Object> out = new LinkedHashMap<>();
		row.forEach((column, value) -> out.put(column, plainValue(value)));
		return out;
	}

	private static Object plainValue(Object value) {
		if (value instanceof Timestamp ts) {
			return ts.toInstant().toString();
		}
		if (value instanceof java.sql.Date d) {
			return d.toLocalDate().toString();
		}
		if (value instanceof PGobject o) {
			return o.getValue();
		}
		if (value instanceof byte[] bytes) {
			return bytes.length + " bytes";
		}
		if (value instanceof Array array) {
			try {
				return Arrays.asList((Object[]) array.getArray());
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}
		if (value instanceof Number || value instanceof Boolean || value instanceof String || value == null) {
			return value;
		}
		return value.toString();
	}

}
