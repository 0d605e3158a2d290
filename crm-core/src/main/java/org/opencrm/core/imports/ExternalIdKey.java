package org.opencrm.core.imports;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code external_id} field and match key as every target uses it: the record it
 * names, the refusal when it names a record other than the one the row writes, and its
 * value in a command ({@link org.opencrm.core.shared.ExternalId}: null keeps, blank
 * removes).
 */
public final class ExternalIdKey {

	private static final Set<String> TABLES = Set.of("accounts", "contacts", "leads");

	private ExternalIdKey() {
	}

	/**
	 * Finds the record of an external id in {@code table} (a target's own table, one of
	 * {@code accounts}, {@code contacts}, {@code leads}): null for none.
	 */
	public static Function<String, Long> holderIn(JdbcClient jdbc, String table) {
		if (!TABLES.contains(table)) {
			throw new IllegalArgumentException(table);
		}
		String sql = "select id from " + table + " where external_id = ?";
		return id -> jdbc.sql(sql).param(id).query(Long.class).optional().orElse(null);
	}

	/**
	 * With the external id as the match key: the record holding the row's id, else null.
	 * {@code holder} finds the record of an id (null for none).
	 */
	public static Long match(ImportRow row, String matchKey, Function<String, Long> holder) {
		if (!ImportField.EXTERNAL_ID.equals(matchKey) || !row.has(ImportField.EXTERNAL_ID)) {
			return null;
		}
		return holder.apply(row.get(ImportField.EXTERNAL_ID));
	}

	/**
	 * The refusal when the row's external id is another record's than {@code target} (the
	 * one it updates; null when it creates), else null.
	 */
	public static ImportOutcome taken(ImportRow row, Long target, Function<String, Long> holder) {
		if (!row.has(ImportField.EXTERNAL_ID)) {
			return null;
		}
		Long owner = holder.apply(row.get(ImportField.EXTERNAL_ID));
		if (owner == null || Objects.equals(owner, target)) {
			return null;
		}
		return row.refuse(ImportField.EXTERNAL_ID, "import.externalId.taken",
				"Another record has this external id already.");
	}

	/**
	 * The command's external id after {@code changes} (a row's values, or the values an
	 * undo puts back): null keeps the record's, blank removes it.
	 */
	public static String command(Map<String, String> changes) {
		if (!changes.containsKey(ImportField.EXTERNAL_ID)) {
			return null;
		}
		String id = changes.get(ImportField.EXTERNAL_ID);
		return id == null ? "" : id;
	}

}
