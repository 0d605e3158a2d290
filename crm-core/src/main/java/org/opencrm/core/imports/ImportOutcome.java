package org.opencrm.core.imports;

import java.util.Map;

/**
 * What a row did (or, in a dry run, would do): create a record, update one (with the
 * changed fields' values before), leave one unchanged, or be rejected — with the column
 * and the reason (a message key and an English text).
 */
public record ImportOutcome(Kind kind, Long recordId, Map<String, String> before, String column, String reasonKey,
		String reason) {

	public enum Kind {

		CREATE, UPDATE, UNCHANGED, REJECT

	}

	public static ImportOutcome create(Long id) {
		return new ImportOutcome(Kind.CREATE, id, null, null, null, null);
	}

	public static ImportOutcome update(long id, Map<String, String> before) {
		return new ImportOutcome(Kind.UPDATE, id, before, null, null, null);
	}

	public static ImportOutcome unchanged(long id) {
		return new ImportOutcome(Kind.UNCHANGED, id, null, null, null, null);
	}

	public static ImportOutcome reject(String column, String reasonKey, String reason) {
		return new ImportOutcome(Kind.REJECT, null, null, column, reasonKey, reason);
	}

}
