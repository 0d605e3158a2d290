package org.opencrm.core.account;

import java.time.Instant;
import java.util.List;
import org.opencrm.core.shared.LifecycleStage;

/**
 * Everything the account page shows about the company itself. {@code contactCount} is
 * null when not counted ({@link AccountService#header}). {@code contactsMoved}: after an
 * owner change of a large account, how many of its contacts the background job
 * ({@link AccountOwnerMoves}) has moved to the new owner so far; null when none is left
 * to move.
 */
public record AccountDetails(long id, String name, String domain, String industry, String phone, String email,
		String website, String street, String city, String postalCode, String country, LifecycleStage lifecycleStage,
		Long ownerId, String ownerName, List<String> tags, Long contactCount, long version, Instant createdAt,
		Instant updatedAt, String externalId, Long contactsMoved) {
}
