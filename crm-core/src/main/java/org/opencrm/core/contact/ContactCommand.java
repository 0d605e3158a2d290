package org.opencrm.core.contact;

import java.util.List;
import org.opencrm.core.shared.LifecycleStage;

/**
 * The editable fields of a contact; {@code version} is the one the user edited (0 on
 * create). {@code externalId}: null keeps it (see
 * {@link org.opencrm.core.shared.ExternalId}). {@code preferredLocale}, the language the
 * contact's mails are written in (one of {@code UserSettings.LANGUAGES}): null keeps it,
 * blank removes it (the install's default then), as an external id.
 */
public record ContactCommand(String firstName, String lastName, String title, String email, String phone, String mobile,
		String street, String city, String postalCode, String country, Long accountId, LifecycleStage lifecycleStage,
		Long ownerId, List<String> tags, boolean consentEmail, boolean consentPhone, String externalId,
		String preferredLocale, long version) {

	public ContactCommand {
		tags = tags == null ? List.of() : List.copyOf(tags);
	}

	/** The fields an import or the API sets: the language stays as it is. */
	public ContactCommand(String firstName, String lastName, String title, String email, String phone, String mobile,
			String street, String city, String postalCode, String country, Long accountId,
			LifecycleStage lifecycleStage, Long ownerId, List<String> tags, boolean consentEmail, boolean consentPhone,
			String externalId, long version) {
		this(firstName, lastName, title, email, phone, mobile, street, city, postalCode, country, accountId,
				lifecycleStage, ownerId, tags, consentEmail, consentPhone, externalId, null, version);
	}

	/** The fields without the external id and the language: both stay as they are. */
	public ContactCommand(String firstName, String lastName, String title, String email, String phone, String mobile,
			String street, String city, String postalCode, String country, Long accountId,
			LifecycleStage lifecycleStage, Long ownerId, List<String> tags, boolean consentEmail, boolean consentPhone,
			long version) {
		this(firstName, lastName, title, email, phone, mobile, street, city, postalCode, country, accountId,
				lifecycleStage, ownerId, tags, consentEmail, consentPhone, null, null, version);
	}

	/** The same command with the contact's language ({@code preferredLocale}). */
	public ContactCommand withPreferredLocale(String language) {
		return new ContactCommand(firstName, lastName, title, email, phone, mobile, street, city, postalCode, country,
				accountId, lifecycleStage, ownerId, tags, consentEmail, consentPhone, externalId, language, version);
	}
}
