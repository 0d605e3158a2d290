package org.opencrm.core.dedupe;

/**
 * A pair the finder found, as the review list shows it: why (e-mail, phone, domain, name)
 * and how sure (0–100), and each record's name, a line that tells them apart and the
 * version the merge will check.
 */
public record DuplicatePair(long id, long lowId, long highId, String reason, int score, String lowName,
		String lowDetail, long lowVersion, String highName, String highDetail, long highVersion) {
}
