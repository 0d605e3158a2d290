package org.opencrm.core.account;

import java.util.List;
import org.opencrm.core.shared.LifecycleStage;

/**
 * The editable fields of an account; {@code version} is the one the user edited (0 on
 * create). {@code externalId}: null keeps it (see
 * {@link org.opencrm.core.shared.ExternalId}).
 */
public record AccountCommand(String name, String domain, String industry, String phone, String email, String website,
		String street, String city, String postalCode, String country, LifecycleStage lifecycleStage, Long ownerId,
		List<String> tags, String externalId, long version) {

	public AccountCommand {
		tags = tags == null ? List.of() : List.copyOf(tags);
	}

	/** The fields a form edits: the external id stays as it is. */
	public AccountCommand(String name, String domain, String industry, String phone, String email, String website,
			String street, String city, String postalCode, String country, LifecycleStage lifecycleStage, Long ownerId,
			List<String> tags, long version) {
		this(name, domain, industry, phone, email, website, street, city, postalCode, country, lifecycleStage, ownerId,
				tags, null, version);
	}
}
