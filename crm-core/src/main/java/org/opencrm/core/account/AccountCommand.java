package org.opencrm.core.account;

import java.util.List;
import org.opencrm.core.shared.LifecycleStage;

/**
 * The editable fields of an account; {@code version} is the one the user edited (0 on
 * create).
 */
public record AccountCommand(String name, String domain, String industry, String phone, String email, String website,
		String street, String city, String postalCode, String country, LifecycleStage lifecycleStage, Long ownerId,
		List<String> tags, long version) {

	public AccountCommand {
		tags = tags == null ? List.of() : List.copyOf(tags);
	}
}
