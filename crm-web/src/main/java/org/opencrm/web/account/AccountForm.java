package org.opencrm.web.account;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.opencrm.core.account.AccountCommand;
import org.opencrm.core.account.AccountDetails;
import org.opencrm.core.shared.LifecycleStage;
import org.opencrm.core.shared.Tags;

/** The account form as typed; {@code confirmDuplicate} is ticked to save despite a look-alike. */
record AccountForm(@NotBlank @Size(max = 200) String name,
		@Size(max = 200) @Pattern(regexp = "^$|^[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$") String domain,
		@Size(max = 100) String industry, @Size(max = 50) @Pattern(regexp = "^[+0-9 ()./-]*$") String phone,
		@Email @Size(max = 254) String email, @Size(max = 300) String website, @Size(max = 200) String street,
		@Size(max = 100) String city, @Size(max = 20) String postalCode, @Size(max = 100) String country,
		@NotNull LifecycleStage lifecycleStage, Long ownerId, @Size(max = 500) String tags, long version,
		boolean confirmDuplicate) {

	static AccountForm empty(Long ownerId) {
		return new AccountForm("", "", "", "", "", "", "", "", "", "", LifecycleStage.LEAD, ownerId, "", 0, false);
	}

	static AccountForm of(AccountDetails a) {
		return new AccountForm(a.name(), a.domain(), a.industry(), a.phone(), a.email(), a.website(), a.street(),
				a.city(), a.postalCode(), a.country(), a.lifecycleStage(), a.ownerId(), Tags.format(a.tags()),
				a.version(), false);
	}

	AccountCommand toCommand() {
		return new AccountCommand(name.trim(), blank(domain), blank(industry), blank(phone), blank(email),
				blank(website), blank(street), blank(city), blank(postalCode), blank(country), lifecycleStage, ownerId,
				Tags.parse(tags), version);
	}

	private static String blank(String s) {
		return s == null || s.isBlank() ? null : s.trim();
	}
}
