package org.opencrm.core.contact;

/** A channel's consent turned on or off, as the Contact aggregate reports it. */
record ConsentChange(Channel channel, boolean granted) {

	enum Channel {

		EMAIL, PHONE

	}

}
