package org.opencrm.core.port;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The person a privacy request is about: a contact or a lead, with what identifies them
 * in records that don't point at them by id (an e-mail address in the outbox, a lead with
 * the same address, a name in a form submission).
 *
 * @param contactId the contact, or null when the request is about a lead
 * @param leadId the lead asked about, or null
 * @param email the address, lower case; null when none is known
 * @param firstName may be null
 * @param lastName never blank
 * @param phones phone and mobile numbers as typed (none null)
 */
public record DataSubject(Long contactId, Long leadId, String email, String firstName, String lastName,
		List<String> phones) {

	public DataSubject {
		email = email == null || email.isBlank() ? null : email.trim().toLowerCase(Locale.ROOT);
		phones = phones == null ? List.of()
				: phones.stream().filter(p -> p != null && !p.isBlank()).map(String::trim).toList();
	}

	public String fullName() {
		return firstName == null || firstName.isBlank() ? lastName : firstName.trim() + " " + lastName.trim();
	}

	/**
	 * ILIKE patterns for free text that may mention the person: the address, the full
	 * name (first and last: a last name alone would match strangers) and each phone
	 * number (as typed, and as its digits when long enough to be unambiguous).
	 */
	public List<String> mentions() {
		Set<String> found = new LinkedHashSet<>();
		if (email != null) {
			found.add(like(email));
		}
		if (firstName != null && !firstName.isBlank()) {
			found.add(like(fullName()));
		}
		for (String phone : phones) {
			found.add(like(phone));
			String digits = phone.replaceAll("[^0-9]", "");
			if (digits.length() >= 6) {
				found.add(like(digits));
			}
		}
		return new ArrayList<>(found);
	}

	private static String like(String text) {
		return "%" + text.trim().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
	}

}
