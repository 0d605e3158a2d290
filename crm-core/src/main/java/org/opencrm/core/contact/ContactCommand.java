package org.opencrm.core.contact;

import java.util.List;
import org.opencrm.core.shared.LifecycleStage;

/**
 * The editable fields of a contact; {@code version} is the one the user edited (0 on
 * create). {@code externalId}: null keeps it (see
 * {@link org.opencrm.core.shared.ExternalId}).
 */
public record ContactCommand(String firstName, String lastName, String title, String email, String phone, String mobile,
		String street, String city, String postalCode, String country, Long accountId, LifecycleStage lifecycleStage,
		Long ownerId, List<String> tags, boolean consentEmail, boolean consentPhone, String externalId, long version) {

	public ContactCommand {
		tags = tags == null ? List.of() : List.copyOf(tags);
	}

	/** The fields a form edits: the external id stays as it is. */
	public ContactCommand(String firstName, String lastName, String title, String email, String phone, String mobile,
			String street, String city, String postalCode, String country, Long accountId,
			LifecycleStage lifecycleStage, Long ownerId, List<String> tags, boolean consentEmail, boolean consentPhone,
			long version) {
		this(firstName, lastName, title, email, phone, mobile, street, city, postalCode, country, accountId,
				lifecycleStage, ownerId, tags, consentEmail, consentPhone, null, version);
	}
}
