package org.opencrm.core.company;

/**
 * What the public pages show of the company.
 *
 * @param name the company's name, null when none was set
 * @param logoVersion the profile version the logo belongs to (for a cache-busting URL),
 * null without a logo
 * @param version the profile's version, for the settings form
 */
public record Branding(String name, Long logoVersion, long version) {

	static final Branding NONE = new Branding(null, null, 0);

	public boolean hasLogo() {
		return logoVersion != null;
	}

}
