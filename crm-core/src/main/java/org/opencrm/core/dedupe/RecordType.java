package org.opencrm.core.dedupe;

import java.util.Locale;
import org.opencrm.core.shared.NotFoundException;

/**
 * The kinds of record the duplicate finder compares and the merge joins; {@link #code()}
 * is how tables, URLs and the audit trail name them. Core finds and merges contacts and
 * accounts itself; leads are sales' ({@link DuplicateSource}, {@link MergeTarget}).
 */
public enum RecordType {

	CONTACT, ACCOUNT, LEAD;

	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The type a URL or a request names ({@code contact}, {@code accounts}); else 404.
	 */
	public static RecordType of(String code) {
		String c = code == null ? "" : code.strip().toLowerCase(Locale.ROOT);
		for (RecordType type : values()) {
			if (c.equals(type.code()) || c.equals(type.code() + "s")) {
				return type;
			}
		}
		throw new NotFoundException("Record type", -1L);
	}

}
