package org.opencrm.core.contact;

/**
 * Where a contact's consent is being set from and the words shown there at the time (the
 * checkbox label, the form's consent text), for the consent log.
 */
public record ConsentNote(ConsentSource source, String textShown) {

	public ConsentNote {
		if (source == null) {
			throw new IllegalArgumentException("a consent change needs its source");
		}
		textShown = textShown == null || textShown.isBlank() ? null : textShown.strip();
	}

	public static ConsentNote of(ConsentSource source) {
		return new ConsentNote(source, null);
	}

}
