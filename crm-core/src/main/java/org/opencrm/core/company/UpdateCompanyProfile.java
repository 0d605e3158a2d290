package org.opencrm.core.company;

/**
 * A change of the company profile from the settings form.
 *
 * @param name the new name (blank: none)
 * @param logo a new logo, or null to keep the current one
 * @param removeLogo take the logo away (ignored when a new one comes)
 * @param version the version the form was rendered from
 */
public record UpdateCompanyProfile(String name, Logo logo, boolean removeLogo, long version) {
}
