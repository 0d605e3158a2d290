package org.opencrm.web.contact;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.opencrm.core.contact.ContactCommand;
import org.opencrm.core.contact.ContactDetails;
import org.opencrm.core.shared.LifecycleStage;
import org.opencrm.core.shared.Tags;

/**
 * The contact form as typed. The account is typed by name (with suggestions) and resolved to an
 * id on save; {@code confirmDuplicate} is ticked to save despite a look-alike.
 */
record ContactForm(@NotBlank @Size(max = 100) String firstName, @NotBlank @Size(max = 100) String lastName,
		@Size(max = 150) String title, @Email @Size(max = 254) String email,
		@Size(max = 50) @Pattern(regexp = "^[+0-9 ()./-]*$") String phone,
		@Size(max = 50) @Pattern(regexp = "^[+0-9 ()./-]*$") String mobile, @Size(max = 200) String street,
		@Size(max = 100) String city, @Size(max = 20) String postalCode, @Size(max = 100) String country,
		@Size(max = 200) String accountName, @NotNull LifecycleStage lifecycleStage, Long ownerId,
		@Size(max = 500) String tags, boolean consentEmail, boolean consentPhone, long version,
		boolean confirmDuplicate) {

	static ContactForm empty(String accountName, Long ownerId) {
		return new ContactForm("", "", "", "", "", "", "", "", "", "", accountName, LifecycleStage.LEAD, ownerId, "",
				false, false, 0, false);
	}

	static ContactForm of(ContactDetails c) {
		return new ContactForm(c.firstName(), c.lastName(), c.title(), c.email(), c.phone(), c.mobile(), c.street(),
				c.city(), c.postalCode(), c.country(), c.accountName(), c.lifecycleStage(), c.ownerId(),
				Tags.format(c.tags()), c.consentEmail(), c.consentPhone(), c.version(), false);
	}

	ContactCommand toCommand(Long accountId) {
		return new ContactCommand(firstName.trim(), lastName.trim(), blank(title), blank(email), blank(phone),
				blank(mobile), blank(street), blank(city), blank(postalCode), blank(country), accountId, lifecycleStage,
				ownerId, Tags.parse(tags), consentEmail, consentPhone, version);
	}

	boolean hasAccountName() {
		return accountName != null && !accountName.isBlank();
	}

	private static String blank(String s) {
		return s == null || s.isBlank() ? null : s.trim();
	}
}
