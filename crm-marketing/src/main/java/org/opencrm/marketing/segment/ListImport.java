package org.opencrm.marketing.segment;

import java.util.List;

/**
 * The outcome of uploading a CSV of e-mail addresses to a static list: how many contacts
 * joined, how many were members already, and every line that matched no contact (with
 * why).
 */
public record ListImport(int added, int alreadyMembers, List<Unmatched> unmatched) {

	/**
	 * {@code reason} is a message key: no e-mail on the line, not an e-mail, or no such
	 * contact.
	 */
	public record Unmatched(int line, String text, String reason) {
	}
}
