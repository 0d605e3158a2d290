package org.opencrm.core.contact;

/** Where a change of consent came from, as the consent log records it. */
public enum ConsentSource {

	/** A web-to-lead or portal form the person filled in. */
	FORM,
	/** A CSV import. */
	IMPORT,
	/** A user on the contact form. */
	MANUAL,
	/** The person's unsubscribe link in an e-mail. */
	UNSUBSCRIBE_LINK,
	/** A client of the JSON API. */
	API,
	/** The application itself (a person created from a lead, an e-mail, the portal). */
	SYSTEM

}
