package org.opencrm.core.port;

import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a module keeps about a person, a company or a lead, moved when two or more records
 * of one customer (or prospect) are merged into one (the survivor). Every module (and
 * each core feature with rows that point at contacts or accounts) implements it for its
 * own tables, as {@link PersonalData} for the privacy tools, so nothing is left pointing
 * at a merged-away record while no one writes another's tables. All run in the merge's
 * transaction, after core has locked the records (ordered by id) and checked their
 * versions, before the merged-away records are deleted: a unique rule the move would
 * break (both in one segment, both enrolled in one sequence) is resolved here, keeping
 * one row, never by a failed statement. A row with a {@code version} column moves its
 * version, so a form opened on it before the merge conflicts instead of writing the old
 * link back.
 *
 * <p>
 * The counts feed the merge page's preview ("2 tickets, 1 deal move"): a message key
 * under {@code merge.moves.} (e.g. {@code tickets}) → how many rows of the record would
 * move. The schema-wide merge test fails when a table pointing at contacts, accounts or
 * leads is forgotten.
 */
public interface RecordMerge {

	/** Moves what refers to contact {@code from} onto contact {@code to}. */
	default void moveContact(long from, long to) {
	}

	/** Moves what refers to account {@code from} onto account {@code to}. */
	default void moveAccount(long from, long to) {
	}

	/**
	 * Moves what refers to lead {@code from} onto lead {@code to}. {@code taken}: the
	 * merge's fields whose value the survivor takes from {@code from} (e.g.
	 * {@code score}), so a module that keeps its own copy of one (marketing's scoring
	 * row) keeps the chosen one.
	 */
	default void moveLead(long from, long to, Set<String> taken) {
	}

	/** What would move with the contact: a kind ({@code tickets}) → rows. */
	default Map<String, Long> countContact(long contactId) {
		return Map.of();
	}

	/** What would move with the account: a kind ({@code deals}) → rows. */
	default Map<String, Long> countAccount(long accountId) {
		return Map.of();
	}

	/** What would move with the lead: a kind ({@code tasks}) → rows. */
	default Map<String, Long> countLead(long leadId) {
		return Map.of();
	}

	/**
	 * A count for the preview: {@code sql} is {@code select count(*) …} with the record's
	 * id as its only {@code ?} (repeated as often as it occurs).
	 */
	static long count(JdbcClient jdbc, String sql, long id) {
		int params = sql.length() - sql.replace("?", "").length();
		Object[] ids = new Object[params];
		java.util.Arrays.fill(ids, id);
		return jdbc.sql(sql).params(ids).query(Long.class).single();
	}

}
