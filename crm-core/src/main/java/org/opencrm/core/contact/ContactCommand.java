package org.opencrm.core.contact;

import java.util.List;
import org.opencrm.core.shared.LifecycleStage;

/**
 * The editable fields of a contact; {@code version} is the one the user edited (0 on
 * create).
 */
public record ContactCommand(String firstName, String lastName, String title, String email, String phone, String mobile,
		String street, String city, String postalCode, String country, Long accountId, LifecycleStage lifecycleStage,
		Long ownerId, List<String> tags, boolean consentEmail, boolean consentPhone, long version) {

	public ContactCommand {
		tags = tags == null ? List.of() : List.copyOf(tags);
	}
}
