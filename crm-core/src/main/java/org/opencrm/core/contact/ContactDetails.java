package org.opencrm.core.contact;

import java.time.Instant;
import java.util.List;
import org.opencrm.core.shared.LifecycleStage;

/**
 * Everything the contact page shows about the person; {@code preferredLocale}: the
 * language their mails are written in, null for the install's default.
 */
public record ContactDetails(long id, String firstName, String lastName, String title, String email, String phone,
		String mobile, String street, String city, String postalCode, String country, Long accountId,
		String accountName, LifecycleStage lifecycleStage, Long ownerId, String ownerName, List<String> tags,
		boolean consentEmail, boolean consentPhone, Instant consentUpdatedAt, Instant lastActivityAt, long version,
		Instant createdAt, Instant updatedAt, String externalId, String preferredLocale) {

	public String fullName() {
		return firstName + " " + lastName;
	}
}
